from catalogue.models import WishPage
from home.models import HomeFeaturedItem
from tests.content import bilingual, load
from tests.html import soup, text


def figures(client, url):
    page = soup(client.get(url))
    return {text(div.dt): text(div.dd) for div in page.select(".figures__list div")}


def test_home_page_figures_come_from_live_content(client, catalogue):
    assert figures(client, "/en/") == {
        "I&T wishes": "2",
        "I&T solutions": "2",
        "Field trials": "1",
        "Confirmed matches": "0",
        "Verified reports": "1",
        "Value of matched trials": "HK$1.2 million",
    }
    WishPage.objects.get(item__key="W-0002", locale__language_code="en").unpublish()
    load(
        bilingual(
            "trial",
            "T-0002",
            {"title": "Drain robot trial", "summary": "s", "venue": "v"},
            {"title": "渠道機械人試驗", "summary": "s", "venue": "v"},
            wish="W-0002",
            solution="S-0002",
            trial_type="prototype-test",
            status="planned",
            value_hkd=350000,
        )
    )
    assert figures(client, "/en/")["I&T wishes"] == "1"
    assert figures(client, "/en/")["Value of matched trials"] == "HK$1.6 million"
    assert figures(client, "/zh-hant/")["創科願望"] == "2"  # the Chinese version is still live
    assert figures(client, "/zh-hant/")["已配對試驗總值"] == "155萬港元"  # HK$1,550,000


def test_home_page_features_editors_picks_before_the_latest(client, catalogue, site_tree):
    home = site_tree["en"]
    latest = [text(a) for a in soup(client.get("/en/")).select("#featured-wishes ~ .card-grid .card__title")]
    assert latest == ["Robots to clean drains", "Cut chiller energy use"]
    home.featured_items = [HomeFeaturedItem(page=WishPage.objects.get(item__key="W-0001", locale=home.locale))]
    home.save_revision().publish()
    picked = [text(a) for a in soup(client.get("/en/")).select("#featured-wishes ~ .card-grid .card__title")]
    assert picked == ["Cut chiller energy use"]


def test_partners_are_grouped_with_their_mou_dates(client, catalogue):
    page = soup(client.get("/en/partners/"))
    groups = {text(s.h2): [text(h) for h in s.select(".partner__name")] for s in page.select(".partner-group")}
    assert groups == {
        "Universities (1)": ["The Hong Kong Polytechnic University"],
        "Research bodies (0)": [],
        "Greater Bay Area (1)": ["Guangdong Academy of Sciences"],
    }
    assert "MoU signed 11 June 2019" in text(page)
    assert "Electrical and Mechanical Services Department" not in text(page)  # not a partner


def test_standard_page_renders_its_stream_blocks(client, site_tree):
    page = soup(client.get("/zh-hant/about/"))
    assert text(page.h1) == "關於平台"
    assert [text(h) for h in page.select(".prose h2")] == ["二零一八年推出"]


def test_main_menu_marks_the_current_section(client, catalogue):
    page = soup(client.get("/en/trials/oil-free-chiller-at-emsd-hq/"))
    menu = {text(a): a.get("aria-current") for a in page.select(".main-nav a")}
    assert menu == {
        "I&T wishes": None,
        "I&T solutions": None,
        "Field trials": "true",
        "Strategic partners": None,
        "About the portal": None,
    }


def test_missing_pages_answer_404_in_the_visitors_language(client, site_tree):
    response = client.get("/zh-hant/no-such-page/")
    assert response.status_code == 404
    assert "找不到網頁" in response.content.decode()


def test_page_titles_name_the_portal_once(client, catalogue):
    assert soup(client.get("/en/")).title.string == "E&M InnoPortal"
    assert soup(client.get("/zh-hant/")).title.string == "機電創科網上平台"
    assert soup(client.get("/zh-hans/")).title.string == "机电创科网上平台"
    wish = soup(client.get("/en/wishes/cut-chiller-energy-use/"))
    assert wish.title.string == "Cut chiller energy use | E&M InnoPortal"
