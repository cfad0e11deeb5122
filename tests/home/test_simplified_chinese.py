"""简体中文: /zh-hans/ serves every page converted from the Traditional Chinese content (OpenCC), with
the interface in Simplified Chinese too; editors keep no third copy."""

import json

from django.utils import translation

from catalogue.models import WishPage
from innoportal.languages import content_language
from search.models import SearchDocument
from tests.html import soup


def wish_url(key, language):
    """The URL of a wish's page in a language of the site (zh-hans: its zh-hant page, converted)."""
    with translation.override(language):
        return WishPage.objects.get(item__key=key, locale__language_code=content_language(language)).url


def test_the_simplified_site_is_the_traditional_one_converted(client, catalogue):
    response = client.get("/zh-hans/")
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-Hans">' in page
    assert "机电创科网上平台" in page and "機電創科網上平台" not in page  # the home page's title
    assert "跳至主要内容" in page  # an interface string: 跳至主要內容 in Traditional
    assert "减少制冷机能源消耗" in client.get("/zh-hans/wishes/").content.decode()


def test_a_page_links_to_itself_in_all_three_languages(client, catalogue):
    url = wish_url("W-0001", "zh-hans")
    assert url.startswith("/zh-hans/wishes/")
    page = soup(client.get(url))
    assert page.select_one("h1").get_text(strip=True) == "减少制冷机能源消耗"
    switcher = page.select(".language-switcher a")
    assert {a["lang"]: a["href"] for a in switcher} == {
        "en-HK": wish_url("W-0001", "en"),
        "zh-Hant-HK": wish_url("W-0001", "zh-hant"),
    }
    assert [a.get_text() for a in switcher] == ["English", "繁"]  # names as written, not converted
    assert switcher[1]["aria-label"] == "繁體中文"
    assert page.select_one(".language-switcher [aria-current]").get_text(strip=True).startswith("简")
    alternates = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}
    assert set(alternates) == {"en", "zh-Hant", "zh-Hans"}
    assert alternates["zh-Hans"].endswith(url)
    # Links inside the Simplified site stay in it.
    menu = [a["href"] for a in page.select(".main-nav a")]
    assert menu and all(href.startswith("/zh-hans/") for href in menu)
    traditional = soup(client.get(wish_url("W-0001", "zh-hant")))
    assert {a["hreflang"] for a in traditional.select(".language-switcher a")} == {"en", "zh-Hans"}


def test_search_in_simplified_finds_the_traditional_content_and_shows_it_simplified(client, catalogue):
    page = soup(client.get("/zh-hans/search/", {"q": "节能"}))
    results = page.select(".search-results li a, ol.results li a") or page.select("main li a")
    titles = {a.get_text(strip=True): a["href"] for a in results}
    assert "减少制冷机能源消耗" in titles
    assert titles["减少制冷机能源消耗"].startswith("/zh-hans/wishes/")
    assert not SearchDocument.objects.filter(shown_in="zh-hans").exists()  # no third set of documents


def test_the_json_endpoints_answer_in_simplified(client, catalogue):
    answer = client.get("/api/search/", {"q": "節能", "lang": "zh-hans"}).json()
    assert answer["lang"] == "zh-hans"
    [hit] = [h for h in answer["results"] if h["key"] == "W-0001"]
    assert hit["title"] == "减少制冷机能源消耗" and hit["url"].startswith("/zh-hans/")
    assert "<mark>节能</mark>" in hit["snippet"]
    suggestions = client.get("/api/search/suggest/", {"q": "制冷", "lang": "zh-hans"}).json()["suggestions"]
    assert "减少制冷机能源消耗" in [s["title"] for s in suggestions]


def test_feeds_and_calendars_are_converted(client, catalogue):
    feed = client.get("/zh-hans/alerts/feeds/wishes.rss").content.decode()
    assert "清理渠道的机械人" in feed and "清理渠道的機械人" not in feed
    assert "/zh-hans/wishes/" in feed
    traditional = client.get("/zh-hant/alerts/feeds/wishes.rss").content.decode()
    assert "清理渠道的機械人" in traditional


def test_the_kiosk_feed_carries_simplified_text_beside_the_others(client, demo):
    from innozone.models import InnoZonePage

    zone = InnoZonePage.objects.live().get(locale__language_code="zh-hant")
    with translation.override("zh-hans"):
        url = zone.url + "kiosk/feed/"
    feed = json.loads(client.get(url).content)
    assert list(feed["labels"]) == ["en", "zh-hant", "zh-hans"]
    assert feed["labels"]["zh-hans"]["tag"] == "zh-Hans"
    exhibit = feed["exhibits"][0]["text"]
    assert exhibit["zh-hans"]["title"] != exhibit["zh-hant"]["title"]  # converted, and the Traditional kept


def test_a_subscriber_in_simplified_gets_alerts_converted(catalogue, django_capture_on_commit_callbacks):
    from django.core import mail

    from tests.notifications.builders import import_items, subscriber, wish_records

    subscriber("simplified@example.hk", language="zh-hans", categories=["robotics"])
    with django_capture_on_commit_callbacks(execute=True):
        import_items(wish_records("W-0300", "Robots for bridges", "橋樑檢查機械人"))
    [message] = [m for m in mail.outbox if m.to == ["simplified@example.hk"]]
    assert "桥梁检查机械人" in message.subject and "橋樑" not in message.body
    assert "/zh-hans/wishes/" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="zh-Hans">' in html and "桥梁检查机械人" in html
