"""The page cache: anonymous visitors get whole pages from the shared cache, and never a stale one."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from catalogue.models import Organisation, WishPage
from home.models import FooterText
from pagecache import store
from tests import content
from tests.html import soup, text

# Purges happen when a change commits, as in production: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)
WISH = "/en/wishes/cut-chiller-energy-use/"
INNODAY = "/en/innodays/innoday-test/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def cached(client, url, **headers):
    """The page twice: the second answer, which must come from the cache."""
    first = client.get(url, **headers)
    second = client.get(url, **headers)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit", url
    assert first.content == second.content
    return second


def wish(code="en"):
    return WishPage.objects.get(item__key="W-0001", locale__language_code=code)


def test_a_page_comes_from_the_cache_with_an_etag_and_a_304_when_unchanged(client, catalogue):
    response = cached(client, WISH)
    assert response.status_code == 200 and response["ETag"]
    assert "public" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert client.get(WISH, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_a_published_edit_is_on_the_next_anonymous_request_everywhere_it_shows(client, catalogue):
    for url in (WISH, "/en/wishes/", "/en/", "/zh-hans/wishes/", "/en/search/?q=chiller"):
        cached(client, url)
    page = wish()
    page.title = "Cut chiller energy use in summer"
    page.save_revision().publish()
    assert "Cut chiller energy use in summer" in text(soup(client.get(WISH)).h1)
    assert "Cut chiller energy use in summer" in client.get("/en/wishes/").content.decode()
    assert "Cut chiller energy use in summer" in client.get("/en/search/?q=chiller").content.decode()
    chinese = wish("zh-hant")
    chinese.title = "減少製冷機能源消耗新版"
    chinese.save_revision().publish()
    assert "减少制冷机能源消耗新版" in client.get("/zh-hans/wishes/").content.decode()  # the Simplified twin


def test_an_unpublished_page_is_gone_at_once(client, catalogue):
    cached(client, WISH)
    wish().unpublish()
    assert client.get(WISH).status_code == 404
    assert "cut-chiller-energy-use" not in client.get("/en/wishes/").content.decode()


def test_renaming_an_organisation_reaches_its_items_pages(client, catalogue):
    before = cached(client, WISH).content.decode()
    organisation = wish().item.organisation
    assert organisation.name in before
    organisation.name = "Electrical and Mechanical Services Department (renamed)"
    organisation.save()
    assert "Services Department (renamed)" in client.get(WISH).content.decode()
    assert Organisation.objects.filter(name__endswith="(renamed)").exists()


def test_editing_the_footer_purges_every_page(client, catalogue):
    cached(client, WISH)
    footer = FooterText.objects.filter(locale__language_code="en").first() or FooterText(locale=wish().locale)
    footer.body = "<p>Footer changed today</p>"
    footer.save()
    assert "Footer changed today" in client.get(WISH).content.decode()


def test_logged_in_people_are_never_served_or_stored(client, catalogue):
    editor = get_user_model().objects.create_user("editor", "editor@example.hk", "pw-editor-1234", is_staff=True)
    client.force_login(editor)
    response = client.get(WISH)
    assert "X-Page-Cache" not in response
    anonymous = Client()
    first = anonymous.get(WISH)
    assert first["X-Page-Cache"] == "miss" and b"editor" not in first.content


def test_a_form_page_is_cached_with_each_visitors_own_token_and_the_form_works(innoday):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one, page_two = first.get(INNODAY), second.get(INNODAY)
    assert page_two["X-Page-Cache"] == "hit"
    assert "private" in page_two["Cache-Control"] and "ETag" not in page_two
    token_one, token_two = (TOKEN.search(p.content.decode()).group(1) for p in (page_one, page_two))
    assert token_one != token_two and "csrftoken" in page_two.cookies
    data = {"name": "Chan Tai Man", "email": "chan@example.hk", "organisation": "HKU", "sector": "university"}
    answer = second.post(INNODAY, {**data, "consent": "on", "csrfmiddlewaretoken": token_two})
    assert answer.status_code == 302 and answer["Location"].startswith(INNODAY + "registered/")
    # The registration took a seat: the next visitor sees one seat left (the page was purged).
    assert "1 seat left." in text(soup(Client().get(INNODAY)).select_one(".seats"))


def test_a_form_with_errors_and_a_personal_page_are_never_kept(client, innoday):
    answer = client.post(INNODAY, {"name": "", "email": "not-an-email"})
    assert answer.status_code == 400 and "X-Page-Cache" not in answer
    assert b"not-an-email" not in client.get(INNODAY).content
    landing = client.post(
        INNODAY,
        {"name": "Li", "email": "li@example.hk", "organisation": "CUHK", "sector": "university", "consent": "on"},
    )
    personal = client.get(landing["Location"])
    assert personal.status_code == 200 and "X-Page-Cache" not in personal
    assert b"li@example.hk" not in Client().get(INNODAY).content


def test_a_large_import_purges_once_after_it_commits(import_file, catalogue, monkeypatch):
    purges = []
    real = store.purge
    monkeypatch.setattr(store, "purge", lambda urls: (purges.append(set(urls)), real(urls)))
    records = [record for n in range(5) for record in content.wish(key=f"W-09{n:02d}")]
    import_file(records)
    assert WishPage.objects.filter(item__key__startswith="W-09").count() == 10
    assert len(purges) == 1 and any("/en/wishes/" in url for url in purges[0])


def test_the_apis_answer_in_each_visitors_language_and_say_so_to_shared_caches(client, catalogue):
    english = cached(client, "/api/search/?q=chiller", headers={"accept-language": "en"})
    chinese = client.get("/api/search/?q=chiller", headers={"accept-language": "zh-hant"})
    assert chinese["X-Page-Cache"] == "miss" and chinese.content != english.content
    assert chinese.json()["lang"] == "zh-hant" and english.json()["lang"] == "en"
    for response in (english, chinese, client.get("/api/search/suggest/?q=chil")):
        assert "Accept-Language" in response["Vary"]
