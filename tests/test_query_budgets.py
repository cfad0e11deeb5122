"""SQL queries per public page, uncached (the page cache serves most visitors without any).

The budgets are today's counts, so that a change that adds queries to a page fails here; every page
keeps to the goal of 12. A page is found in three queries at any depth (innoportal.routing: not two
per level of the page tree), the header, footer, language links and home page buttons come from the
cache (pagecache's content token), and a page reads its related cards, their facts and organisations
in bulk. The counts are the same on SQLite and PostgreSQL but for search.
"""

import pytest
from django.db import connection
from django.test import Client

BUDGETS = {  # address: most queries, for the second anonymous request (the first warms caches)
    "/en/": 10,  # 17 before the pages were found in three queries and the figures in two
    "/zh-hant/": 11,
    "/zh-hans/": 11,
    "/en/about/": 4,
    "/en/partners/": 5,
    "/en/wishes/": 9,
    "/zh-hant/wishes/": 10,
    "/en/wishes/cut-chiller-energy-use/": 8,  # 18 before
    "/zh-hant/wishes/cut-chiller-energy-use/": 10,
    "/en/solutions/": 9,
    "/en/solutions/drain-inspection-robot/": 9,
    "/zh-hant/solutions/drain-inspection-robot/": 11,
    "/en/trials/": 9,
    "/en/trials/oil-free-chiller-at-emsd-hq/": 7,  # 21 before
    "/zh-hant/trials/oil-free-chiller-at-emsd-hq/": 8,
    "/en/innodays/": 6,
    "/en/innodays/innoday-test/": 7,
    # PostgreSQL reads its search documents in more steps than SQLite.
    "/en/search/?q=chiller": 9 if connection.vendor == "postgresql" else 6,
    "/en/site-map/": 5,
    "/api/v2/pages/?type=catalogue.WishPage&fields=*": 7,  # 27 when each wish read its facts
}


@pytest.mark.parametrize("url", BUDGETS)
def test_each_page_keeps_to_its_query_budget(url, catalogue, innoday, django_assert_max_num_queries):
    client = Client()
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(BUDGETS[url]):
        assert client.get(url).status_code == 200


# The InnoZone: its page and the kiosk's feed read their exhibits, photos, solutions and providers in
# bulk, so their counts stay the same however many exhibits are on display.

KIOSK_FEED = "/en/innozone/kiosk/feed/"


def more_exhibits(zone, count):
    """`count` more exhibits in the InnoZone (English only), showing the photos and solutions of those there."""
    from innozone.models import ExhibitPage, ExhibitPhoto

    shown = list(ExhibitPage.objects.child_of(zone).select_related("solution"))
    for n in range(count):
        model = shown[n % len(shown)]
        exhibit = ExhibitPage(
            title=f"{model.title} ({n})",
            slug=f"more-{n}",
            solution=model.solution,
            summary=model.summary,
            booth=f"C{n}",
            on_display_from=model.on_display_from,
            photos=[ExhibitPhoto(image=photo.image) for photo in model.photos.all()],
        )
        zone.add_child(instance=exhibit)


def counted(client, url, budget, assert_max_num_queries):
    """The queries of the second request for `url` (the first makes renditions and warms caches)."""
    assert client.get(url).status_code == 200
    with assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_innozone_page_keeps_to_its_budget_however_many_exhibits(zone, django_assert_max_num_queries):
    client = Client()
    two = counted(client, "/en/innozone/", 12, django_assert_max_num_queries)  # 23 when each card read its photo
    more_exhibits(zone["en"], 6)
    assert counted(client, "/en/innozone/", 12, django_assert_max_num_queries) == two


def test_the_kiosk_feed_makes_the_same_few_queries_however_many_exhibits(zone, django_assert_max_num_queries):
    client = Client()
    two = counted(client, KIOSK_FEED, 16, django_assert_max_num_queries)  # 46 when each exhibit read its own
    more_exhibits(zone["en"], 6)
    assert len(client.get(KIOSK_FEED).json()["exhibits"]) == 8
    assert counted(client, KIOSK_FEED, 16, django_assert_max_num_queries) == two


def test_the_kiosk_feed_answers_an_unchanged_kiosk_without_building_the_feed(zone, django_assert_max_num_queries):
    client = Client()
    etag = client.get(KIOSK_FEED)["ETag"]
    with django_assert_max_num_queries(7) as captured:  # finding the page, and nothing of its exhibits
        assert client.get(KIOSK_FEED, headers={"if-none-match": etag}).status_code == 304
    assert not [query for query in captured.captured_queries if "innozone_exhibit" in query["sql"]]


def test_the_innodays_overview_counts_every_innodays_seats_in_one_query(innoday, django_assert_max_num_queries):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from innodays import registration as seats
    from tests.events.builders import build_innoday

    days = [innoday["en"]] + [build_innoday(slug=f"innoday-{n}", starts_in=10 + n)["en"] for n in range(3)]
    for day in days[:2]:
        seats.register(day, name="Chan Tai Man", email="tm.chan@example.hk", organisation="HKU", sector="university")
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("organiser", "organiser@example.gov.hk", "pw"))
    html = client.get(reverse("innoday_overview")).content.decode()
    assert html.count('data-count="capacity"') == 4 and html.count('data-count="confirmed">1<') == 2
    with django_assert_max_num_queries(9):  # 12 for these four InnoDays when each counted its own seats
        assert client.get(reverse("innoday_overview")).status_code == 200
