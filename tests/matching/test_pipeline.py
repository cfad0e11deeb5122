"""What the public sees of the loop: each wish's timeline with dates, each solution's "also applicable
to", and the home page's matches, reports and "recently matched", in both languages."""

import datetime

import pytest

from catalogue.models import Solution, SolutionPage, Wish, WishPage
from tests.content import bilingual
from tests.html import soup, text
from tests.notifications.builders import import_items
from tests.submissions.helpers import reviewer

WORDS = {
    "en": ["Posted", "1 solution", "Matched", "Field trial started", "Verified report published", "Adopted"],
    "zh-hant": ["發佈", "1 個方案", "已配對", "實地試驗開始", "已發佈經核實報告", "已採用"],
}
DATES = [datetime.date(2019, 5, 2), datetime.date(2018, 9, 1), datetime.date(2026, 3, 1)]  # posted, trial, outcome


def shown(day, lang):
    from django.utils import formats, translation

    with translation.override(lang):
        return formats.date_format(day, "DATE_FORMAT")


def confirm(wish_key, solution_key):
    office = reviewer("office", "Inno Office")
    wish, solution = Wish.objects.get(key=wish_key), Solution.objects.get(key=solution_key)
    office.post(f"/admin/matching/wish/{wish.pk}/", {"solution": solution.pk, "decision": "confirmed"})


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_wish_page_shows_each_step_with_its_date(client, catalogue, lang):
    fresh = WishPage.objects.get(item__key="W-0002", locale__language_code=lang)
    steps = soup(client.get(fresh.url)).select("#timeline li")
    assert len(steps) == 6 and "timeline__step--done" in steps[0]["class"]
    assert all("timeline__step--done" not in step["class"] for step in steps[1:])

    confirm("W-0001", "S-0001")
    page = WishPage.objects.get(item__key="W-0001", locale__language_code=lang)
    page.set_facts(outcome="adopted", outcome_date=datetime.date(2026, 3, 1), outcome_link="https://www.emsd.gov.hk/")
    page.save_revision().publish()
    timeline = text(soup(client.get(page.url)).select_one("#timeline"))
    for word in WORDS[lang] + [shown(day, lang) for day in DATES]:
        assert word in timeline, (lang, word, timeline)
    assert len(soup(client.get(page.url)).select("#timeline .timeline__step--done")) == 6


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_solution_lists_the_wishes_and_departments_it_served(client, catalogue, lang):
    trial = bilingual(
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
    import_items(trial)
    page = SolutionPage.objects.get(item__key="S-0002", locale__language_code=lang)
    related = text(soup(client.get(page.url)).select_one("[aria-labelledby=wishes-heading]"))
    title = WishPage.objects.get(item__key="W-0002", locale__language_code=lang).title
    department = "Electrical and Mechanical Services Department" if lang == "en" else "機電工程署"
    assert title in related and department in related


def test_the_home_page_counts_matches_and_reports_and_shows_the_latest(client, catalogue):
    home = soup(client.get("/en/"))
    figures = text(home.select_one(".figures__list"))
    assert "Confirmed matches 0" in figures and "Verified reports 1" in figures
    assert not home.select_one("#recently-matched")
    confirm("W-0002", "S-0002")
    home = soup(client.get("/zh-hant/"))
    assert "清理渠道的機械人" in text(home.select_one("#recently-matched"))
    assert "渠道檢查機械人" in text(home.select_one("#recently-matched"))
