"""The statistics page at /<lang>/statistics/: its charts with their summaries and tables in every
language, the home page's link to it, what it costs in queries, and the page cache."""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.humanize.templatetags.humanize import intcomma
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from catalogue.models import WishPage
from home.templatetags.portal_tags import hkd
from innoportal.languages import content_language, converted
from portal_statistics.figures import compute
from tests.html import soup, text
from tests.statistics.test_figures import expected_totals

LANGUAGES = ["en", "zh-hant", "zh-hans"]
CHARTS = 8  # four monthly trends, the funnel, categories, departments, types of provider
TABLES = 5  # the months, the funnel, categories, departments, types of provider


def figures(page):
    return {div["id"]: text(div.dd) for div in page.select(".figures__list > div")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_has_each_chart_with_its_summary_and_data_table(client, catalogue, lang):
    response = client.get(f"/{lang}/statistics/")
    page = soup(response)
    assert page.html["lang"] == {"en": "en-HK", "zh-hant": "zh-Hant-HK", "zh-hans": "zh-Hans"}[lang]
    charts = page.select("main figure.chart")
    assert len(charts) == CHARTS and len(page.select("main svg")) == CHARTS
    for chart in charts:
        svg = chart.find("svg")
        assert svg["role"] == "img" and svg.get("viewbox", svg.get("viewBox"))
        title, desc = svg.find("title", recursive=False), svg.find("desc", recursive=False)
        assert text(title) and text(desc)
        assert svg["aria-labelledby"] == title["id"] and svg["aria-describedby"] == desc["id"]
        assert svg.select("text") and (svg.select("rect") or svg.select("line"))  # no columns: nothing this month
        assert text(chart.select_one(".chart__summary"))  # the summary follows the chart
        assert text(chart.figcaption) == text(title)
    tables = page.select("main details.chart__data table")
    assert len(tables) == TABLES
    for table in tables:
        region = table.parent
        assert region["role"] == "region" and region["tabindex"] == "0"  # scrolls sideways, by keyboard too
        assert region["aria-labelledby"] == table.caption["id"] and text(table.caption)
        assert table.select("thead th[scope=col]") and table.select("tbody th[scope=row]")
    assert len(page.select("#trend-table tbody tr")) == 36
    body = response.content.decode()
    assert " style=" not in body and "<style" not in body  # the Content-Security-Policy allows neither
    assert not page.select("main script")  # the charts need no script


def test_the_page_shows_the_figures_in_each_language_with_its_names_and_formats(client, catalogue):
    stats = compute(Locale.objects.get(language_code="en"))
    english = soup(client.get("/en/statistics/"))
    assert figures(english) == {
        "figure-wishes": str(stats.totals.wishes),
        "figure-solutions": str(stats.totals.solutions),
        "figure-trials": str(stats.totals.trials),
        "figure-matches": str(stats.totals.matches),
        "figure-reports": str(stats.totals.reports),
        "figure-value": "HK$1.2 million",
    }
    rows = {
        text(tr.th): [text(td) for td in tr.select("td")] for tr in english.select("#categories-chart-table tbody tr")
    }
    assert rows == {
        share.name: [str(share.wishes), str(share.solutions), str(share.trials)] for share in stats.categories
    }
    assert "Electrical and Mechanical Services Department" in text(english.select_one("#departments-chart svg"))
    traditional = soup(client.get("/zh-hant/statistics/"))
    assert figures(traditional)["figure-value"] == "120萬港元"
    assert "能源效益" in text(traditional.select_one("#categories-chart svg"))
    assert "機電工程署" in text(traditional.select_one("#departments-chart-table"))
    assert re.search(r"\d{4}年\d{1,2}月", text(traditional.select_one("#trend-table")))  # 2026年12月
    simplified = soup(client.get("/zh-hans/statistics/"))
    assert "机电工程署" in text(simplified.select_one("#departments-chart-table"))  # converted from 機電工程署
    assert figures(simplified) == {**figures(traditional), "figure-value": "120万港元"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_shows_the_demo_contents_totals_in_each_language(client, demo, lang):
    # Counted again through Wagtail's own filters, in the language whose content the page shows
    # (/zh-hans/ reads the Traditional Chinese content), and written as the page writes them.
    expected = expected_totals(content_language(lang))
    assert all(expected.values()), expected  # the demo has some of each
    with translation.override(lang):
        value = converted(hkd(expected["matched_value"]), lang)  # HK$… million, …萬港元, …万港元
        counts = {name: intcomma(expected[name]) for name in ("wishes", "solutions", "trials", "matches", "reports")}
    assert figures(soup(client.get(f"/{lang}/statistics/"))) == {
        **{f"figure-{name}": count for name, count in counts.items()},
        "figure-value": value,
    }


def test_a_restricted_wish_leaves_the_pages_figures(client, catalogue):
    before = figures(soup(client.get("/en/statistics/")))["figure-wishes"]
    restriction = PageViewRestriction.objects.create(
        page=WishPage.objects.get(item__key="W-0002", locale__language_code="en"), restriction_type="groups"
    )
    restriction.groups.set([Group.objects.create(name="Statistics page panel")])
    after = soup(client.get("/en/statistics/"))
    assert int(figures(after)["figure-wishes"]) == int(before) - 1
    assert "Robotics applications" not in text(after.select_one("#departments-chart-table"))
    assert "Robots to clean drains" not in after.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_pages_figures_link_to_the_statistics_page(client, catalogue, lang):
    home = soup(client.get(f"/{lang}/"))
    link = home.select_one(".figures a[href]")
    assert link["href"] == f"/{lang}/statistics/" and text(link)
    assert f"/{lang}/statistics/" in [a["href"] for a in home.select(".site-footer a[href]")]
    statistics = soup(client.get(link["href"]))
    shown = {text(div.dt): text(div.dd) for div in home.select(".figures__list div")}
    assert {text(div.dt): text(div.dd) for div in statistics.select(".figures__list > div")} == shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_statistics_page_keeps_to_its_query_budget(catalogue, lang, django_assert_max_num_queries):
    client = Client()
    assert client.get(f"/{lang}/statistics/").status_code == 200  # the first warms the caches
    # The language, the view restrictions, then wishes and their first proposals, trials, matches,
    # categories and organisations with a query each for their counts.
    with django_assert_max_num_queries(10):
        assert client.get(f"/{lang}/statistics/").status_code == 200
