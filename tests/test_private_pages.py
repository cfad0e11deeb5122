"""A password- or group-restricted page stays out of every public listing, feed and search, in both
languages, and comes back when the restriction is lifted."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from catalogue.models import WishPage

TITLES = {"en": "Robots to clean drains", "zh-hant": "清理渠道的機械人"}
QUERIES = {"en": "drains", "zh-hant": "渠道"}


def public_places(lang):
    """What anyone can read, as text: listings, home page, search page, search API, suggestions, feeds."""
    client = Client()
    urls = [
        f"/{lang}/",
        f"/{lang}/wishes/",
        f"/{lang}/wishes/?category=robotics",
        f"/{lang}/search/?q={QUERIES[lang]}",
        f"/api/search/?q={QUERIES[lang]}&lang={lang}",
        f"/api/search/suggest/?q={QUERIES[lang]}&lang={lang}",
        f"/{lang}/alerts/feeds/wishes.rss",
        f"/{lang}/alerts/feeds/wishes/robotics.atom",
    ]
    return {url: client.get(url).content.decode() for url in urls}


def restrict(how, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for page in WishPage.objects.filter(key="W-0002"):
            if how == "password":
                PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
            else:
                restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
                restriction.groups.set([Group.objects.create(name=f"Panel {page.pk}")])


@pytest.mark.parametrize("how", ["password", "groups"])
@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_restricted_wish_is_in_no_public_listing_and_returns_when_lifted(
    catalogue, django_capture_on_commit_callbacks, how, lang
):
    assert all(TITLES[lang] in text for text in public_places(lang).values())

    restrict(how, django_capture_on_commit_callbacks)
    leaks = [url for url, text in public_places(lang).items() if TITLES[lang] in text]
    assert not leaks, f"the restricted wish is listed at {leaks}"

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page__wishpage__key="W-0002").delete()
    assert all(TITLES[lang] in text for text in public_places(lang).values())
