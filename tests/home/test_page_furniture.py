"""What every page carries: the last revision date, link previews, structured data, a text-size control."""

import json

from django.contrib.staticfiles import finders
from django.utils import formats, timezone, translation

from catalogue.models import TrialPage
from tests.html import soup, text


def structured(page):
    [block] = page.select('script[type="application/ld+json"]')
    return json.loads(block.string)["@graph"]


def test_every_page_says_when_it_was_last_revised(client, catalogue):
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="en")
    page = soup(client.get(trial.url))
    with translation.override("en"):
        day = formats.date_format(timezone.localtime(trial.last_published_at), "DATE_FORMAT")
    assert text(page.select_one(".last-revised")) == f"Last revision date: {day}"
    assert "修訂日期：" in text(soup(client.get("/zh-hant/")).select_one(".last-revised"))


def test_link_previews_and_structured_data(client, catalogue, innoday):
    page = soup(client.get("/en/wishes/cut-chiller-energy-use/"))
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]")}
    assert meta["og:title"] == "Cut chiller energy use" and meta["twitter:card"] == "summary_large_image"
    assert meta["og:description"] == "Lower the electricity used by chillers."
    assert meta["og:url"] == "http://testserver/en/wishes/cut-chiller-energy-use/"
    assert meta["og:image"] == "http://testserver/static/img/share.png" and finders.find("img/share.png")
    assert [thing["@type"] for thing in structured(page)] == ["Organization"]
    event = structured(soup(client.get(innoday["en"].url)))[1]
    assert event["@type"] == "Event" and event["name"] == "InnoDay: smart buildings"
    assert event["location"]["name"] == "EMSD HQ" and event["startDate"].startswith(str(innoday["en"].starts.year))
    chinese = structured(soup(client.get(innoday["zh-hant"].url)))
    assert chinese[0]["name"] == "機電創科網上平台" and chinese[1]["name"] == "創科日：智慧建築"


def test_a_trial_with_its_final_report_is_described_as_a_report(client, catalogue):
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="en")
    [portal, report] = structured(soup(client.get(trial.url)))
    assert report["@type"] == "Report" and report["abstract"] == "Energy use fell by a fifth."
    assert report["about"] == "Cut chiller energy use" and report["publisher"] == portal
    trial.report_summary = ""
    trial.save_revision().publish()
    assert [thing["@type"] for thing in structured(soup(client.get(trial.url)))] == ["Organization"]


def test_the_text_size_control_is_offered_to_scripts_only(client, site_tree):
    page = soup(client.get("/en/"))
    control = page.select_one(".text-size")
    assert control.has_attr("hidden")  # shown by text-size.js; without scripts the browser's zoom serves
    assert [b["data-size"] for b in control.select("button")] == ["0", "1", "2"]
    assert page.select_one('script[src$="js/text-size.js"]')


def build_contact_page():
    from pathlib import Path

    from django.conf import settings

    from home.site_tree import ensure_contact_page
    from innoportal.page_tree import homes

    spec = json.loads((Path(settings.BASE_DIR) / "home" / "demo" / "pages.json").read_text(encoding="utf-8"))
    return ensure_contact_page(homes(), spec["contact"])


def test_an_enquiry_is_stored_sent_to_the_editors_and_acknowledged(client, site_tree, mailoutbox):
    from wagtail.contrib.forms.models import FormSubmission

    pages = build_contact_page()
    page = soup(client.get(pages["zh-hant"].url))
    assert [text(label) for label in page.select("form.form .field label")] == ["姓名", "電郵地址", "機構", "查詢內容"]
    assert "聯絡我們" in [text(a) for a in soup(client.get("/zh-hant/")).select(".site-footer a")]
    names = [i["name"] for i in page.select("form.form .field input, form.form .field textarea")]
    answers = dict(zip(names, ["陳大文", "chan@example.hk", "", "請問如何提交方案？"], strict=True))
    response = client.post(pages["zh-hant"].url, answers)
    assert response.status_code == 200 and "謝謝你的查詢" in response.content.decode()
    [stored] = FormSubmission.objects.all()
    assert stored.get_data()[names[3]] == "請問如何提交方案？"
    to_editors, acknowledged = mailoutbox
    assert to_editors.to == ["innoportal@example.gov.hk"] and "請問如何提交方案？" in to_editors.body
    assert acknowledged.to == ["chan@example.hk"] and acknowledged.subject == "我們已收到你的查詢"
    assert "請問如何提交方案？" in acknowledged.body


def test_a_bad_enquiry_is_refused_with_its_errors_and_nothing_is_kept(client, site_tree, mailoutbox):
    from wagtail.contrib.forms.models import FormSubmission

    pages = build_contact_page()
    response = client.post(pages["en"].url, {})
    page = soup(response)
    assert {a["href"] for a in page.select("#form-errors a")} >= {"#id_name", "#id_email_address"}
    assert not FormSubmission.objects.exists() and not mailoutbox


def test_robots_and_floods_of_enquiries_are_turned_away(client, site_tree, mailoutbox, settings):
    from django.core.cache import cache
    from wagtail.contrib.forms.models import FormSubmission

    pages = build_contact_page()
    names = [i["name"] for i in soup(client.get(pages["en"].url)).select("form.form .field input, .field textarea")]
    answers = dict(zip(names, ["Ada", "ada@example.hk", "", "Hello"], strict=True))
    response = client.post(pages["en"].url, answers | {"website": "http://spam.example"})
    assert "This enquiry could not be accepted." in text(soup(response).select_one("#form-errors"))
    assert not FormSubmission.objects.exists() and not mailoutbox
    settings.ENQUIRY_RATE_LIMIT = "1/600"
    cache.clear()
    assert client.post(pages["en"].url, answers).status_code == 200
    refused = client.post(pages["en"].url, answers)
    assert refused.status_code == 429 and "Too many attempts" in text(soup(refused, 429).select_one("#form-errors"))
    assert FormSubmission.objects.count() == 1


def test_the_site_map_lists_the_sections_and_pages(client, catalogue):
    page = soup(client.get("/en/site-map/"))
    links = [text(a) for a in page.select(".site-map a")]
    assert "I&T wishes" in links and "About the portal" in links and "Search" in links
    assert "Cut chiller energy use" not in links  # items are found through their sections
    assert "Site map" in [text(a) for a in soup(client.get("/en/")).select(".site-footer a")]
    assert "网站地图" in text(soup(client.get("/zh-hans/site-map/")).select_one("h1"))
