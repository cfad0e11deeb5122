"""A small catalogue whose way from wish to adoption is known day by day, for the figures' tests.

Four wishes (A, B, C, D), three solutions, two trials, two confirmed matches:
  A posted 1 Jan 2024; solution 10 days later; matched 30 days after that; trial 30 days later;
    final report 180 days later; adopted 30 days later.
  B posted 1 Jan 2024; solution 20 days later; matched 40 days after that; no trial.
  C posted 1 Feb 2024; its solution was published two months before it (0 days); nothing more.
  D posted 1 Jan 2024; a trial under way from 1 Apr 2024, started without a recorded match.
"""

import datetime

from django.utils import timezone

from catalogue.models import Trial, Wish
from matching.models import Match
from tests.content import bilingual, load, wish

KEYS = {"A": "W-0101", "B": "W-0102", "C": "W-0103", "D": "W-0104"}


def solution(key, organisation, category, published, wish_key):
    return bilingual(
        "solution",
        key,
        {"title": f"Solution {key}", "summary": "In English."},
        {"title": f"方案 {key}", "summary": "中文。"},
        organisation=organisation,
        categories=[category],
        trl=6,
        published=published,
        applicable_to=[wish_key],
    )


def trial(key, wish_key, solution_key, status, start, **facts):
    report = {"report": {"summary": "Measured.", "metrics": [{"name": "Saving", "value": 10, "unit": "%"}]}}
    chinese = {"report": {"summary": "已量度。", "metrics": [{"name": "節省", "value": 10, "unit": "%"}]}}
    completed = status == "completed"
    return bilingual(
        "trial",
        key,
        {"title": f"Trial {key}", "summary": "s", "venue": "v", **(report if completed else {})},
        {"title": f"試驗 {key}", "summary": "s", "venue": "v", **(chinese if completed else {})},
        wish=wish_key,
        solution=solution_key,
        trial_type="pilot-project",
        status=status,
        start=start,
        **facts,
    )


def records():
    return [
        *bilingual("category", "energy-efficiency", {"name": "Energy efficiency"}, {"name": "能源效益"}),
        *bilingual("category", "robotics", {"name": "Robotics applications"}, {"name": "機械人應用"}),
        *bilingual(
            "organisation",
            "emsd",
            {"name": "Electrical and Mechanical Services Department"},
            {"name": "機電工程署"},
            type="department",
        ),
        *bilingual("organisation", "wsd", {"name": "Water Supplies Department"}, {"name": "水務署"}, type="department"),
        *bilingual("organisation", "polyu", {"name": "PolyU"}, {"name": "理大"}, type="university"),
        *bilingual("organisation", "robo", {"name": "Robo Start"}, {"name": "機械初創"}, type="start-up"),
        *wish(KEYS["A"], published="2024-01-01", status="in-trial"),
        *wish(KEYS["B"], published="2024-01-01", status="matched", categories=["robotics"]),
        *wish(KEYS["C"], published="2024-02-01", organisation="wsd"),
        *wish(KEYS["D"], published="2024-01-01", status="in-trial", organisation="wsd", categories=["robotics"]),
        *solution("S-0101", "polyu", "energy-efficiency", "2024-01-11", KEYS["A"]),
        *solution("S-0102", "robo", "robotics", "2024-01-21", KEYS["B"]),
        *solution("S-0103", "polyu", "energy-efficiency", "2023-12-01", KEYS["C"]),
        *trial("T-0101", KEYS["A"], "S-0101", "completed", "2024-03-11", end="2024-08-31", value_hkd=800000),
        *trial("T-0104", KEYS["D"], "S-0102", "in-progress", "2024-04-01", value_hkd=200000),
    ]


def at_ten(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def build():
    """Load the records, then what the importer does not carry: matches, the report's date, the outcome."""
    load(records())
    wishes = {name: Wish.objects.get(key=key) for name, key in KEYS.items()}
    for name, solution_key, day in (
        ("A", "S-0101", datetime.date(2024, 2, 10)),
        ("B", "S-0102", datetime.date(2024, 3, 1)),
    ):
        Match.objects.create(
            wish=wishes[name],
            solution=wishes[name].proposed_solutions.get(key=solution_key),
            decision=Match.Decision.CONFIRMED,
            decided_at=at_ten(day),
        )
    Trial.objects.filter(key="T-0101").update(final_report_on=datetime.date(2024, 9, 7))
    Wish.objects.filter(key=KEYS["A"]).update(outcome=Wish.Outcome.ADOPTED, outcome_date=datetime.date(2024, 10, 7))
    return wishes
