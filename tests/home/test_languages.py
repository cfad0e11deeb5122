import polib
import pytest
from django.conf import settings

from catalogue.models import WishPage
from tests.html import soup, text


@pytest.mark.parametrize(
    ("accept", "target"),
    [("zh-HK,zh;q=0.9,en;q=0.8", "/zh-hant/"), ("zh-TW", "/zh-hant/"), ("en-GB,en;q=0.9", "/en/"), ("fr", "/en/")],
)
def test_root_redirects_by_accept_language(client, site_tree, accept, target):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == target


def switcher(page):
    return {a["lang"]: a["href"] for a in page.select(".language-switcher a")}


def test_language_switch_lands_on_the_translation_of_the_page(client, catalogue):
    page = soup(client.get("/en/wishes/cut-chiller-energy-use/"))
    assert switcher(page) == {
        "zh-Hant-HK": "/zh-hant/wishes/cut-chiller-energy-use/",
        "zh-Hans": "/zh-hans/wishes/cut-chiller-energy-use/",
    }
    assert text(page.select_one(".language-switcher [aria-current]")) == "English"
    back = soup(client.get("/zh-hant/wishes/cut-chiller-energy-use/"))
    assert switcher(back) == {
        "en-HK": "/en/wishes/cut-chiller-energy-use/",
        "zh-Hans": "/zh-hans/wishes/cut-chiller-energy-use/",
    }


def test_without_a_translation_the_switch_goes_to_the_other_home(client, catalogue):
    WishPage.objects.get(item__key="W-0002", locale__language_code="zh-hant").unpublish()
    page = soup(client.get("/en/wishes/robots-to-clean-drains/"))
    assert switcher(page) == {"zh-Hant-HK": "/zh-hant/", "zh-Hans": "/zh-hans/"}
    # and only real translations are announced as alternates
    assert [link["hreflang"] for link in page.select("link[rel=alternate][hreflang]")] == ["en"]


def test_hreflang_alternates_and_lang_attributes(client, catalogue):
    page = soup(client.get("/zh-hant/trials/oil-free-chiller-at-emsd-hq/"))
    assert page.html["lang"] == "zh-Hant-HK"
    alternates = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}
    assert alternates == {
        "en": "http://testserver/en/trials/oil-free-chiller-at-emsd-hq/",
        "zh-Hant": "http://testserver/zh-hant/trials/oil-free-chiller-at-emsd-hq/",
        "zh-Hans": "http://testserver/zh-hans/trials/oil-free-chiller-at-emsd-hq/",
    }


def test_search_page_switches_language_keeping_the_query(client, catalogue):
    page = soup(client.get("/en/search/?q=chiller"))
    assert switcher(page) == {"zh-Hant-HK": "/zh-hant/search/?q=chiller", "zh-Hans": "/zh-hans/search/?q=chiller"}


def ui_strings():
    """Every translated interface string that is a whole phrase of English."""
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/zh_Hant/LC_MESSAGES/django.po"))
    return {e.msgid for e in catalogue if e.msgstr and "%" not in e.msgid and e.msgid != e.msgstr}


@pytest.mark.parametrize(
    "url",
    [
        "/zh-hant/",
        "/zh-hant/wishes/",
        "/zh-hant/wishes/cut-chiller-energy-use/",
        "/zh-hant/solutions/",
        "/zh-hant/solutions/oil-free-magnetic-bearing-chiller/",
        "/zh-hant/trials/",
        "/zh-hant/trials/oil-free-chiller-at-emsd-hq/",
        "/zh-hant/partners/",
        "/zh-hant/about/",
        "/zh-hant/search/?q=製冷機",
        "/zh-hant/innozone/",
        "/zh-hant/innozone/s-0001/",
        "/zh-hant/innodays/",
        "/zh-hant/innodays/innoday-test/",
        "/zh-hant/alerts/",
        "/zh-hant/alerts/check-your-inbox/",
    ],
)
def test_no_english_interface_text_is_left_on_chinese_pages(client, zone, innoday, url):
    page = soup(client.get(url))
    for node in page(["script", "style"]):
        node.decompose()
    visible = {" ".join(s.split()) for s in page.stripped_strings}
    visible |= {page.select_one("input[type=search]").get("placeholder", "")}
    visible |= {el.get("aria-label") for el in page.select("[aria-label]")}
    left = visible & ui_strings()
    assert not left, f"English left on {url}: {sorted(left)}"
    assert "跳至主要內容" in visible
