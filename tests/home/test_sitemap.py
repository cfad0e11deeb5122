"""sitemap.xml and robots.txt: what search engines are told about the site."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from catalogue.models import WishPage

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        urlsplit(url.find("s:loc", NS).text).path: {
            link.get("hreflang"): urlsplit(link.get("href")).path for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_every_public_page_is_listed_in_each_language_with_its_alternates(client, catalogue):
    listed = entries(client)
    versions = {
        "en": "/en/wishes/cut-chiller-energy-use/",
        "zh-Hant": "/zh-hant/wishes/cut-chiller-energy-use/",
        "zh-Hans": "/zh-hans/wishes/cut-chiller-energy-use/",
    }
    for location in versions.values():
        assert listed[location] == versions
    assert {"/en/", "/zh-hant/", "/zh-hans/"} <= set(listed)


def test_unpublished_pages_are_not_listed(client, catalogue):
    WishPage.objects.get(item__key="W-0002", locale__language_code="zh-hant").unpublish()
    listed = entries(client)
    assert "/en/wishes/robots-to-clean-drains/" in listed
    assert not [url for url in listed if "robots-to-clean-drains" in url and not url.startswith("/en/")]
    assert listed["/en/wishes/robots-to-clean-drains/"] == {"en": "/en/wishes/robots-to-clean-drains/"}


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, site_tree):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots and "Disallow: /en/search/" in robots
