import datetime

from innoportal.qr import qr_svg
from innozone.models import ExhibitPage, KioskExhibit
from tests.html import soup, text


def test_innozone_page_shows_visit_details_floor_plan_and_exhibits(client, zone):
    page = soup(client.get("/zh-hant/innozone/"))
    assert text(page.h1) == "機電創科專區"
    assert "星期一至五" in text(page.select_one("#hours-heading").parent)
    assert page.select_one(".floor-plan img")["alt"] == "floor plan zh-hant"
    assert text(page.select_one("#exhibits-heading")) == "2件展品正在展出"
    assert [text(h) for h in page.select(".card__title")] == ["無油磁浮軸承製冷機", "渠道檢查機械人"]


def test_exhibit_page_has_a_qr_code_to_the_solution_in_its_language(client, zone):
    page = soup(client.get("/zh-hant/innozone/s-0001/"))
    assert "展位A1" in text(page.select_one(".eyebrow"))
    solution = page.select_one(".facts a")
    assert solution["href"] == "/zh-hant/solutions/oil-free-magnetic-bearing-chiller/"
    assert str(page.select_one(".qr__code svg")) == str(
        soup_of(qr_svg("http://testserver/zh-hant/solutions/oil-free-magnetic-bearing-chiller/")).svg
    )
    assert page.select_one(".qr__code")["aria-label"] == "連結至方案網頁的二維碼"


def soup_of(markup):
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser")


def feed(client, lang="en"):
    response = client.get(f"/{lang}/innozone/kiosk/feed/")
    assert response.status_code == 200
    return response


def test_kiosk_feed_carries_both_languages_and_screen_sized_images(client, zone):
    data = feed(client).json()
    assert data["default_language"] == "en"
    assert data["settings"] == {"idle_seconds": 2, "rotate_seconds": 1, "refresh_seconds": 1}
    first = data["exhibits"][0]
    assert first["text"]["en"]["title"] == "Oil-free magnetic bearing chiller"
    assert first["text"]["zh-hant"]["title"] == "無油磁浮軸承製冷機"
    assert first["text"]["zh-hant"]["provider"] == "香港理工大學"
    assert first["text"]["en"]["booth"] == "A1"
    assert first["text"]["en"]["qr"].startswith("<svg")
    for picture in first["slides"]:
        assert picture["width"] <= 1920 and picture["height"] <= 1080 and picture["src"].endswith(".webp")
    assert data["labels"]["zh-hant"]["back"] == "返回所有展品"
    assert feed(client, "zh-hant").json()["default_language"] == "zh-hant"


def test_kiosk_feed_answers_304_when_nothing_changed(client, zone):
    etag = feed(client)["ETag"]
    assert client.get("/en/innozone/kiosk/feed/", headers={"if-none-match": etag}).status_code == 304


def test_publishing_an_exhibit_gives_the_kiosk_the_new_feed(client, zone):
    before = feed(client)
    exhibit = ExhibitPage.objects.child_of(zone["en"]).get(booth="A1")
    exhibit.summary = "Now with a live energy dashboard."
    exhibit.save_revision().publish()
    after = client.get("/en/innozone/kiosk/feed/", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert after.json()["exhibits"][0]["text"]["en"]["summary"] == "Now with a live energy dashboard."
    assert after.json()["version"] != before.json()["version"]
    assert client.get("/en/innozone/kiosk/feed/", headers={"if-none-match": after["ETag"]}).status_code == 304


def test_editors_choose_which_exhibits_show_and_in_what_order(client, zone):
    before = feed(client).json()
    assert [e["text"]["en"]["booth"] for e in before["exhibits"]] == ["A1", "B2"]
    en = zone["en"]
    chosen = ExhibitPage.objects.child_of(en).get(booth="B2")
    en.kiosk_exhibits = [KioskExhibit(exhibit=chosen)]
    en.kiosk_idle_seconds, en.kiosk_rotate_seconds, en.kiosk_refresh_seconds = 60, 8, 60  # as editors may set
    en.save_revision().publish()
    after = feed(client).json()
    assert [e["text"]["en"]["booth"] for e in after["exhibits"]] == ["B2"]
    assert after["version"] != before["version"]


def test_the_kiosk_shows_the_chosen_exhibits_in_the_editors_order_and_previews_a_drafts_choice(client, zone):
    en = zone["en"]
    a1, b2 = (ExhibitPage.objects.child_of(en).get(booth=booth) for booth in ("A1", "B2"))
    en.kiosk_exhibits = [KioskExhibit(exhibit=b2), KioskExhibit(exhibit=a1)]
    en.kiosk_idle_seconds, en.kiosk_rotate_seconds, en.kiosk_refresh_seconds = 60, 8, 60  # as editors may set
    en.save_revision().publish()
    assert [e["text"]["en"]["booth"] for e in feed(client).json()["exhibits"]] == ["B2", "A1"]
    draft = en.get_latest_revision_as_object()
    draft.kiosk_exhibits = [KioskExhibit(exhibit=a1)]
    preview = soup(draft.make_preview_request(preview_mode="kiosk")).select_one("#kiosk-feed").string
    assert '"booth": "A1"' in preview and '"booth": "B2"' not in preview
    assert [e["text"]["en"]["booth"] for e in feed(client).json()["exhibits"]] == ["B2", "A1"]


def test_exhibits_leave_the_kiosk_when_their_display_ends(client, zone):
    exhibit = ExhibitPage.objects.child_of(zone["en"]).get(booth="A1")
    exhibit.on_display_until = datetime.date(2019, 1, 1)
    exhibit.save_revision().publish()
    assert [e["text"]["en"]["booth"] for e in feed(client).json()["exhibits"]] == ["B2"]
    assert "Oil-free magnetic bearing chiller" not in text(soup(client.get("/en/innozone/")).select_one(".card-grid"))


def test_kiosk_has_no_links_out_and_registers_its_service_worker(client, zone):
    page = soup(client.get("/en/innozone/kiosk/"))
    assert page.select("a[href]") == []
    kiosk = page.select_one("#kiosk")
    assert kiosk["data-sw-url"] == "/en/innozone/kiosk/service-worker/"
    assert kiosk["data-sw-scope"] == "/en/innozone/kiosk/"
    worker = client.get(kiosk["data-sw-url"])
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/en/innozone/kiosk/"


def test_editors_can_preview_the_kiosk_from_a_draft(zone):
    en = zone["en"]
    en.kiosk_idle_seconds = 45
    en.title = "InnoZone (draft)"
    response = en.make_preview_request(preview_mode="kiosk")
    page = soup(response)
    assert "InnoZone (draft)" in text(page.title)
    assert page.select_one("#kiosk")["data-sw-url"] == ""  # a preview neither caches nor polls
    assert '"idle_seconds": 45' in page.select_one("#kiosk-feed").string


def test_editors_find_the_kiosk_tab_and_preview_mode_in_the_admin(client, zone):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("editor", "e@example.gov.hk", "pw"))
    edit = client.get(f"/admin/pages/{zone['zh-hant'].pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "資訊站展品及次序" in html or "Exhibits on the kiosk, in order" in html
    assert 'value="kiosk"' in html  # the preview mode editors pick to see the kiosk
    exhibit = ExhibitPage.objects.filter(locale__language_code="en").first()
    assert client.get(f"/admin/pages/{exhibit.pk}/edit/").status_code == 200
