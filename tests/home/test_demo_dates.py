"""The demo catalogue dated from today (home/demo_dates.py): the file keeps its dates, the demo moves them."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings

from catalogue.importer import parse_lines
from home.demo_dates import dated_lines, within_a_year_after

CATALOGUE = Path(settings.BASE_DIR) / "catalogue" / "demo" / "catalogue.jsonl"


def records(lines):
    return {(r["kind"], r["key"], r["locale"]): r for r in map(json.loads, lines) if r}


def original():
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()
    return records(line for line in lines if line.strip() and not line.startswith("#"))


@pytest.mark.parametrize("today", ["2026-12-03", "2027-01-01", "2028-02-29", "2031-07-15"])
def test_the_newest_item_is_three_to_four_weeks_old_and_every_date_moves_alike(today):
    today = datetime.date.fromisoformat(today)
    lines, shift = dated_lines(CATALOGUE.read_text(encoding="utf-8").splitlines(), today)
    assert shift.days % 7 == 0  # whole weeks: the weekdays stay as written
    before, after = original(), records(lines)
    assert before.keys() == after.keys()
    published = [datetime.date.fromisoformat(r["published"]) for r in after.values() if "published" in r]
    assert datetime.timedelta(weeks=3) <= today - max(published) < datetime.timedelta(weeks=4)
    for identity, record in after.items():
        for name in ("published", "start", "end"):
            if name in record:
                moved = datetime.date.fromisoformat(before[identity][name]) + shift
                assert record[name] == moved.isoformat(), (identity, name)
        if record["kind"] == "wish" and record["status"] == "open":
            assert today < datetime.date.fromisoformat(record["deadline"]) <= today + datetime.timedelta(days=366)
        elif "deadline" in record:
            moved = datetime.date.fromisoformat(before[identity]["deadline"]) + shift
            assert record["deadline"] == moved.isoformat()
        if record["kind"] == "organisation":
            assert record == before[identity]  # MoU dates are history, as the InnoDays of 2019
    parse_lines(lines)  # still a valid import file


def test_numbers_follow_the_dates_because_records_are_written_in_date_order():
    lines, _shift = dated_lines(CATALOGUE.read_text(encoding="utf-8").splitlines(), datetime.date(2026, 12, 3))
    rows = [json.loads(line) for line in lines]
    kinds = [r["kind"] for r in rows]
    assert kinds == sorted(kinds, key=["category", "organisation", "wish", "solution", "trial"].index)
    wishes = [r["published"] for r in rows if r["kind"] == "wish" and r["locale"] == "en"]
    trials = [r["start"] for r in rows if r["kind"] == "trial" and r["locale"] == "en"]
    assert wishes == sorted(wishes) and trials == sorted(trials)


def test_the_catalogue_file_itself_keeps_its_dates():
    wishes = [r for r in original().values() if r["kind"] == "wish"]
    assert min(r["published"] for r in wishes).startswith("2018-")


def test_an_open_deadline_keeps_its_day_and_month_within_a_year_after_today():
    today = datetime.date(2026, 12, 3)
    assert within_a_year_after(datetime.date(2027, 3, 31), today) == datetime.date(2027, 3, 31)
    assert within_a_year_after(datetime.date(2027, 12, 31), today) == datetime.date(2026, 12, 31)
    assert within_a_year_after(datetime.date(2027, 12, 3), today) == datetime.date(2027, 12, 3)
    assert within_a_year_after(datetime.date(2028, 2, 29), today) == datetime.date(2027, 2, 28)
