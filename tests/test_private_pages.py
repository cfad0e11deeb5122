"""A password- or group-restricted page stays out of every public listing, feed and search, in both
languages, and comes back when the restriction is lifted."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from catalogue.models import WishPage
from tests.notifications.builders import publish_new_wish, subscriber

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
        f"/api/v2/pages/?type=catalogue.WishPage&locale={lang}&limit=50",
    ]
    if lang == "en":  # Wagtail's own search (behind API v2) does not split Chinese into words
        urls.append(f"/api/v2/pages/?search={QUERIES[lang]}&locale={lang}")
    return {url: client.get(url).content.decode() for url in urls}


def missing_from(places, lang):
    return [url for url, text in places.items() if TITLES[lang] not in text]


def restrict(how, django_capture_on_commit_callbacks, key="W-0002"):
    with django_capture_on_commit_callbacks(execute=True):
        restrict_now(how, key)


def restrict_now(how, key):
    for page in WishPage.objects.filter(item__key=key):
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
    assert not missing_from(public_places(lang), lang)

    restrict(how, django_capture_on_commit_callbacks)
    leaks = [url for url, text in public_places(lang).items() if TITLES[lang] in text]
    assert not leaks, f"the restricted wish is listed at {leaks}"

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page__wishpage__item__key="W-0002").delete()
    missing = missing_from(public_places(lang), lang)
    assert not missing, f"the wish is not back at {missing}"


@pytest.mark.parametrize("how", ["password", "groups"])
def test_a_wish_restricted_as_it_is_published_alerts_nobody(
    catalogue, mailoutbox, django_capture_on_commit_callbacks, how
):
    subscriber("everything@example.hk", all_categories=True)
    with django_capture_on_commit_callbacks(execute=True):
        publish_new_wish("W-0200", "Panel-only drain robots", "只供評審的渠道機械人")
        restrict_now(how, "W-0200")
    assert not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        publish_new_wish("W-0201", "Open drain robots", "公開的渠道機械人")
    assert [message.to for message in mailoutbox] == [["everything@example.hk"]]
    assert "Panel-only" not in mailoutbox[0].body
