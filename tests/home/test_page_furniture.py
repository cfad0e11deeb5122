"""What every page carries: the last revision date, link previews, structured data, a text-size control."""

import json

from django.contrib.staticfiles import finders
from django.utils import formats, translation

from catalogue.models import TrialPage
from tests.html import soup, text


def structured(page):
    [block] = page.select('script[type="application/ld+json"]')
    return json.loads(block.string)["@graph"]


def test_every_page_says_when_it_was_last_revised(client, catalogue):
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="en")
    page = soup(client.get(trial.url))
    with translation.override("en"):
        day = formats.date_format(trial.last_published_at, "DATE_FORMAT")
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
