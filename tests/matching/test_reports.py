"""Verified performance reports: interim and final with metrics against their baseline and the benefits
a year; the library at /<lang>/reports/ lists them with filters and search, in both languages."""

import datetime

import pytest

from catalogue.models import TrialMetric, TrialPage
from tests.content import bilingual
from tests.html import soup, text
from tests.notifications.builders import import_items


def with_benefits(lang="en"):
    page = TrialPage.objects.get(item__key="T-0001", locale__language_code=lang)
    page.set_facts(
        energy_saved_kwh=120000,
        money_saved_hkd=150000,
        payback_years=2.5,
        final_report_on=datetime.date(2019, 8, 1),
        interim_report_on=datetime.date(2019, 1, 15),
    )
    page.interim_summary = "Half-way: energy use down 15 %." if lang == "en" else "中期：能源消耗減少15%。"
    page.metrics = [
        TrialMetric(report="final", name="Energy use", value="800", baseline="1000", unit="MWh"),
        TrialMetric(report="interim", name="Energy use", value="850", baseline="1000", unit="MWh"),
    ]
    page.save_revision().publish()
    return page


def test_a_trial_page_shows_both_reports_their_baselines_and_the_benefits(client, catalogue):
    page = soup(client.get(with_benefits().url))
    benefits = text(page.select_one("#benefits"))
    assert "120,000 kWh" in benefits and "HK$150,000" in benefits and "2.5 years" in benefits
    final = page.select_one("#report")
    assert [text(c) for c in final.select("thead th")] == ["Metric", "Before", "Result"]
    assert [text(c) for c in final.select("tbody td")] == ["1000 MWh", "800 MWh"]
    assert "Half-way" in text(page.select_one("#interim")) and "850 MWh" in text(page.select_one("#interim"))


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_the_reports_library_lists_filters_and_searches(client, catalogue, lang):
    with_benefits(lang)
    import_items(
        bilingual(
            "trial",
            "T-0100",
            {"title": "Crawler", "summary": "S", "venue": "Sha Tin"},
            {"title": "爬行", "summary": "摘要", "venue": "沙田"},
            wish="W-0002",
            solution="S-0002",
            trial_type="prototype-test",
            status="in-progress",
            start="2026-11-01",
        )
    )
    title = TrialPage.objects.get(item__key="T-0001", locale__language_code=lang).title
    listing = soup(client.get(f"/{lang}/reports/"))
    assert [text(a) for a in listing.select("#reports h3 a")] == [title]  # the trial in progress has no report yet
    for query, found in (
        ("?benefit=energy", True),
        ("?benefit=money", True),
        ("?department=emsd", True),
        ("?category=robotics", False),
        ("?q=chiller" if lang == "en" else "?q=製冷機", True),
        ("?q=spaceship", False),
    ):
        shown = [text(a) for a in soup(client.get(f"/{lang}/reports/{query}")).select("#reports h3 a")]
        assert shown == ([title] if found else []), (lang, query)
    filters = text(listing.select_one(".filters"))
    assert ("Saves energy (1)" if lang == "en" else "(1)") in filters
