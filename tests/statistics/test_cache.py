"""The statistics page comes from the page cache for anonymous visitors and is never stale: anything
published, unpublished or matched purges it, in every language."""

import pytest
from django.core.cache import caches

from catalogue.models import Solution, Wish, WishPage
from matching import decisions
from matching.models import Match
from tests import content
from tests.html import soup, text

# Purges happen when a change commits, as in production: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)
LANGUAGES = ["en", "zh-hant", "zh-hans"]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_PURGE_AT_ONCE = False
    caches[settings.PAGE_CACHE_ALIAS].clear()


def shown(client, lang, expected):
    response = client.get(f"/{lang}/statistics/")
    assert response["X-Page-Cache"] == expected, lang
    page = soup(response)
    return {div["id"]: text(div.dd) for div in page.select(".figures__list > div")}


def test_the_page_is_kept_for_visitors_and_purged_by_what_changes_its_figures(client, catalogue, import_file):
    before = {}
    for lang in LANGUAGES:
        before[lang] = shown(client, lang, "miss")
        assert shown(client, lang, "hit") == before[lang]
    import_file(content.wish("W-0100"))
    for lang in LANGUAGES:
        assert int(shown(client, lang, "miss")["figure-wishes"]) == int(before[lang]["figure-wishes"]) + 1
        shown(client, lang, "hit")
    decisions.decide(Wish.objects.get(key="W-0002"), Solution.objects.get(key="S-0002"), Match.Decision.CONFIRMED, None)
    assert shown(client, "en", "miss")["figure-matches"] == "1"
    WishPage.objects.get(item__key="W-0100", locale__language_code="en").unpublish()
    assert shown(client, "en", "miss")["figure-wishes"] == before["en"]["figure-wishes"]
