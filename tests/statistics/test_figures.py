"""The figures (portal_statistics.figures) against content whose figures are known: the small catalogue
counted again through Wagtail's own filters, a catalogue built day by day, and the demo content read
through each wish's public timeline."""

import datetime
import statistics
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from catalogue.models import SolutionPage, TrialPage, WishPage
from matching.models import Match
from portal_statistics.figures import STEPS, compute, month_starts
from tests.content import load, wish
from tests.statistics import builders


def locale(code="en"):
    return Locale.objects.get(language_code=code)


def live(model, code="en"):
    """Wagtail's own filters for what anyone may read (not the statistics' helper)."""
    return model.objects.live().public().filter(locale=locale(code))


def expected_totals(code="en"):
    trials = list(live(TrialPage, code))
    wishes, solutions = live(WishPage, code), live(SolutionPage, code)
    confirmed = Match.objects.filter(decision=Match.Decision.CONFIRMED)
    return {
        "wishes": wishes.count(),
        "solutions": solutions.count(),
        "trials": len(trials),
        "reports": sum(trial.has_report for trial in trials),
        "matched_value": sum((trial.value_hkd or Decimal(0) for trial in trials), Decimal(0)),
        "matches": sum(
            1
            for match in confirmed
            if wishes.filter(item=match.wish_id).exists() and solutions.filter(item=match.solution_id).exists()
        ),
    }


def totals(code="en"):
    return vars(compute(locale(code)).totals)


@pytest.mark.parametrize("code", ["en", "zh-hant"])
def test_totals_are_the_live_public_content_and_the_home_pages_figures(catalogue, code):
    home = catalogue[code]
    Match.objects.create(
        wish=WishPage.objects.get(item__key="W-0001", locale=home.locale).item,
        solution=SolutionPage.objects.get(item__key="S-0001", locale=home.locale).item,
        decision=Match.Decision.CONFIRMED,
        decided_at=builders.at_ten(datetime.date(2019, 4, 1)),
    )
    assert totals(code) == expected_totals(code)
    assert totals(code)["matches"] == 1 and totals(code)["reports"] == 1
    assert totals(code) == home.portal_figures()  # the home page's figures are the same numbers


def test_a_draft_or_privately_restricted_wish_is_not_counted(catalogue):
    before = compute(locale())
    load(wish("W-0100", categories=["robotics"], published="2024-05-02"))
    assert compute(locale()).totals.wishes == before.totals.wishes + 1
    draft = WishPage.objects.get(item__key="W-0100", locale=locale())
    draft.unpublish()
    after = compute(locale())
    assert after.totals.wishes == before.totals.wishes
    assert after.categories == before.categories and after.departments == before.departments
    assert sum(month.posted for month in after.months) == sum(month.posted for month in before.months)

    private = WishPage.objects.get(item__key="W-0002", locale=locale())
    restriction = PageViewRestriction.objects.create(page=private, restriction_type="groups")
    restriction.groups.set([Group.objects.create(name="Statistics test panel")])
    Match.objects.create(
        wish=private.item,
        solution=SolutionPage.objects.get(item__key="S-0002", locale=locale()).item,
        decision=Match.Decision.CONFIRMED,
        decided_at=builders.at_ten(datetime.date(2019, 7, 1)),
    )
    restricted = compute(locale())
    assert restricted.totals.wishes == before.totals.wishes - 1 == expected_totals()["wishes"]
    assert restricted.totals.matches == 0  # its match is not shown either
    robotics = {share.key: share for share in restricted.categories}.get("robotics")
    assert robotics is None or robotics.wishes == 0
    assert restricted.funnel[0].wishes == before.funnel[0].wishes - 1
    chinese = compute(locale("zh-hant")).totals  # only the English pages were unpublished and restricted
    assert (chinese.wishes, chinese.matches) == (before.totals.wishes + 1, 1)


def test_the_funnel_and_its_median_days_in_a_case_built_day_by_day(site_tree):
    builders.build()
    funnel = {step.name: step for step in compute(locale()).funnel}
    assert list(STEPS) == list(funnel)
    reached = {name: step.wishes for name, step in funnel.items()}
    # D reached the trial without a recorded match or proposal: it passed those steps all the same.
    assert reached == {"posted": 4, "proposed": 4, "matched": 3, "trial": 2, "report": 1, "adopted": 1}
    medians = {name: (step.median_days, step.measured) for name, step in funnel.items()}
    assert medians == {
        "posted": (None, 0),
        "proposed": (10, 3),  # A 10, B 20, C 0 (its solution came first)
        "matched": (35, 2),  # A 30, B 40
        "trial": (30, 1),  # A; D has no match date
        "report": (180, 1),
        "adopted": (30, 1),
    }
    assert compute(locale("zh-hant")).funnel == compute(locale()).funnel  # the same items in both languages


def test_monthly_trends_breakdowns_and_totals_in_a_case_built_day_by_day(site_tree):
    builders.build()
    stats = compute(locale(), today=datetime.date(2024, 12, 15))
    assert [month.month for month in stats.months] == month_starts(datetime.date(2024, 12, 15))
    assert stats.months[0].month == datetime.date(2022, 1, 1) and len(stats.months) == 36
    busy = {
        month.month.strftime("%Y-%m"): (month.posted, month.matched, month.trials, month.reports)
        for month in stats.months
        if month.posted or month.matched or month.trials or month.reports
    }
    assert busy == {
        "2024-01": (3, 0, 0, 0),
        "2024-02": (1, 1, 0, 0),
        "2024-03": (0, 1, 1, 0),
        "2024-04": (0, 0, 1, 0),
        "2024-09": (0, 0, 0, 1),
    }
    later = compute(locale(), today=datetime.date(2027, 3, 1))  # January 2024 has left the window
    assert sum(month.posted for month in later.months) == 0
    categories = [(s.name, s.wishes, s.solutions, s.trials) for s in stats.categories]
    assert categories == [("Energy efficiency", 2, 2, 1), ("Robotics applications", 2, 1, 1)]
    departments = [(d.name, d.wishes, d.trials) for d in stats.departments]
    assert departments == [("Electrical and Mechanical Services Department", 2, 1), ("Water Supplies Department", 2, 1)]
    with translation.override("en"):  # types are named in the active language
        providers = [(str(p.name), p.solutions, p.trials) for p in stats.provider_types]
    assert providers == [("University", 2, 1), ("Start-up", 1, 1)]
    chinese = compute(locale("zh-hant"), today=datetime.date(2024, 12, 15))
    assert [s.name for s in chinese.categories] == ["能源效益", "機械人應用"]
    assert [d.name for d in chinese.departments] == ["機電工程署", "水務署"]
    assert vars(stats.totals) == {
        "wishes": 4,
        "solutions": 3,
        "matches": 2,
        "trials": 2,
        "reports": 1,
        "matched_value": Decimal("1000000"),
    }


def timeline_funnel(code):
    """The funnel read from each public wish's timeline (what its page shows), step by step."""
    reached, gaps = dict.fromkeys(STEPS, 0), {name: [] for name in STEPS[1:]}
    for page in live(WishPage, code):
        steps = {step.name: step for step in page.timeline()}
        adopted = page.item.outcome == "adopted"
        done = [True, *(steps[name].done for name in ("proposed", "matched", "trial", "report")), adopted]
        dates = [steps[name].date for name in ("posted", "proposed", "matched", "trial", "report")]
        dates.append(page.item.outcome_date if adopted else None)
        for n, name in enumerate(STEPS):
            reached[name] += any(done[n:])
            if n and dates[n - 1] and dates[n]:
                gaps[name].append(max(0, (dates[n] - dates[n - 1]).days))
    medians = {name: statistics.median(days) if days else None for name, days in gaps.items()}
    return reached, medians


@pytest.mark.parametrize("code", ["en", "zh-hant"])
def test_the_demo_contents_figures_agree_with_its_pages(demo, code):
    stats = compute(locale(code))
    assert vars(stats.totals) == expected_totals(code)
    reached, medians = timeline_funnel(code)
    assert {step.name: step.wishes for step in stats.funnel} == reached
    assert {step.name: step.median_days for step in stats.funnel[1:]} == medians
    assert stats.totals.matches and stats.totals.reports and stats.funnel[-1].wishes  # the demo has them all
    by_category = {share.key: share.wishes for share in stats.categories}
    wishes = live(WishPage, code).prefetch_related("item__categories")
    for key, count in by_category.items():
        assert count == sum(1 for page in wishes if key in {c.key for c in page.item.categories.all()})
