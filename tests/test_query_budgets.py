"""SQL queries per public page, uncached (the page cache serves most visitors without any).

The budgets are today's counts, so that a change that adds queries to a page fails here. The goal
for every page is at most 12; the home and index pages (facets, figures) and the item pages (Wagtail
walks the page tree one query per level, then the item's facts and related cards) are above it.
"""

import pytest
from django.test import Client

BUDGETS = {  # address: most queries, for the second anonymous request (the first warms caches)
    "/en/": 17,
    "/zh-hant/": 20,
    "/zh-hans/": 20,
    "/en/about/": 8,
    "/en/wishes/": 17,
    "/en/wishes/cut-chiller-energy-use/": 18,
    "/en/solutions/": 17,
    "/en/solutions/drain-inspection-robot/": 19,
    "/en/trials/": 17,
    "/en/trials/oil-free-chiller-at-emsd-hq/": 21,
    "/en/innodays/": 11,
    "/en/innodays/innoday-test/": 12,
    "/en/search/?q=chiller": 10,  # 7 on SQLite; PostgreSQL reads its search documents in more steps
    "/en/site-map/": 10,
}


@pytest.mark.parametrize("url", BUDGETS)
def test_each_page_keeps_to_its_query_budget(url, catalogue, innoday, django_assert_max_num_queries):
    client = Client()
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(BUDGETS[url]):
        assert client.get(url).status_code == 200
