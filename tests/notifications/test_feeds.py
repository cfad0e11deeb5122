"""RSS and Atom feeds of new wishes: valid, in both languages, all or per category, linked from pages."""

import xml.etree.ElementTree as ET

import feedparser
import pytest

from catalogue.models import WishPage
from tests.html import soup
from tests.notifications.builders import publish_new_wish

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response, content_type):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "max-age=900" in response["Cache-Control"]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")  # well-formed XML, a feed feedparser understands
    return feed, ET.fromstring(response.content)


def test_rss_of_all_new_wishes_in_english(client, catalogue):
    publish_new_wish("W-0400", "Robots for slopes", "斜坡機械人", deadline="2030-01-31")
    feed, xml = parse(client.get("/en/alerts/feeds/wishes.rss"), "application/rss+xml")
    assert feed.version == "rss20"
    channel = xml.find("channel")
    for required in ("title", "link", "description"):  # RSS 2.0's required channel elements
        assert channel.findtext(required), required
    assert channel.findtext("language") == "en"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Robots for slopes"  # newest first
    assert set(titles) == {"Robots for slopes", "Cut chiller energy use", "Robots to clean drains"}
    first = feed.entries[0]
    assert first.link == "http://testserver/en/wishes/robots-for-slopes/"
    assert "Posted by: Electrical and Mechanical Services Department" in first.summary
    assert "2030-01-31" in first.summary and first.published_parsed
    assert [tag.term for tag in first.tags] == ["Robotics applications"]


def test_atom_per_category_in_chinese(client, catalogue):
    feed, xml = parse(client.get("/zh-hant/alerts/feeds/wishes/robotics.atom"), "application/atom+xml")
    assert feed.version == "atom10"
    for required in ("id", "title", "updated"):  # RFC 4287's required feed elements
        assert xml.findtext(ATOM + required), required
    assert feed.feed.title == "最新創科願望：機械人應用 | 機電創科網上平台"
    assert [entry.title for entry in feed.entries] == ["清理渠道的機械人"]
    entry = xml.find(ATOM + "entry")
    assert entry.findtext(ATOM + "id") and entry.findtext(ATOM + "updated")
    assert feed.entries[0].link == "http://testserver/zh-hant/wishes/robots-to-clean-drains/"
    assert "機電工程署" in feed.entries[0].summary


def test_a_wish_without_a_translation_is_in_the_other_languages_feed_marked(client, catalogue):
    WishPage.objects.get(item__key="W-0002", locale__language_code="zh-hant").unpublish()
    feed, _xml = parse(client.get("/zh-hant/alerts/feeds/wishes.rss"), "application/rss+xml")
    assert "Robots to clean drains (English)" in [entry.title for entry in feed.entries]


def test_an_unknown_category_has_no_feed(client, catalogue):
    assert client.get("/en/alerts/feeds/wishes/no-such-thing.rss").status_code == 404


def test_pages_link_to_the_feeds_and_the_alerts(client, catalogue):
    page = soup(client.get("/zh-hant/wishes/?category=robotics"))
    assert [link["href"] for link in page.select("link[rel=alternate][type]")] == [
        "/zh-hant/alerts/feeds/wishes.rss",
        "/zh-hant/alerts/feeds/wishes.atom",
        "/zh-hant/alerts/feeds/wishes/robotics.rss",
        "/zh-hant/alerts/feeds/wishes/robotics.atom",
    ]
    titles = [link["title"] for link in page.select("link[rel=alternate][type]")]
    assert titles == [
        "最新創科願望 (RSS)",
        "最新創科願望 (Atom)",
        "最新創科願望：機械人應用 (RSS)",
        "最新創科願望：機械人應用 (Atom)",
    ]
    box = page.select_one(".alerts-box")
    assert box.select_one("a.button")["href"] == "/zh-hant/alerts/"
    assert "/zh-hant/alerts/feeds/wishes/robotics.atom" in [a["href"] for a in box.select("a")]
    home = soup(client.get("/en/"))
    assert [link["href"] for link in home.select("link[rel=alternate][type]")] == [
        "/en/alerts/feeds/wishes.rss",
        "/en/alerts/feeds/wishes.atom",
    ]
    assert home.select_one(".site-footer a[href='/en/alerts/']")
    assert not home.select_one(".alerts-box")  # the box is for the wish list
