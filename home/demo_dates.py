"""The demo catalogue dated from today: `load_demo_content` imports catalogue/demo/catalogue.jsonl with
its dates moved forward, so that a fresh demo's newest wishes and solutions are a few weeks old, its
trials in progress are under way and its planned trial is about to start. Demo only: the file and the
import format stay as they are, and `import_catalogue` imports any file with the dates it has.

The file is set in mid-2019 (its newest item was published in July 2019). Every date of a wish,
solution or trial moves by the same whole number of weeks, so their order, the time between them and
their weekdays stay as written, and the newest publication lands three to four weeks before today.
The open calls' deadlines, which the file puts years ahead (2027) so that they stay open, keep their
day and month and fall in the twelve months after today. Organisations' MoU dates are history, like
the InnoDays of 2019, and stay as they are.

The records are written in date order within each kind, so that the numbers given at publication
(`catalogue.numbering`: W-2026-0001 is the first wish published in 2026) follow the dates.
"""

import datetime
import json

from catalogue.importer.schema import KIND_ORDER

RECENT = datetime.timedelta(weeks=3)  # at least this long before today the newest item was published
DATES = {"wish": ("published", "deadline"), "solution": ("published",), "trial": ("start", "end")}
ORDER_BY = {"wish": "published", "solution": "published", "trial": "start"}  # what numbering counts by


def as_date(value):
    return datetime.date.fromisoformat(value[:10])


def records_of(lines):
    """The JSON records of a JSON Lines file, without its comments and blank lines."""
    return [json.loads(line) for line in lines if line.strip() and not line.lstrip().startswith("#")]


def newest_publication(records):
    dates = [as_date(r["published"]) for r in records if r.get("kind") in ("wish", "solution") and r.get("published")]
    return max(dates) if dates else None


def shift_for(records, today):
    """Whole weeks that put the newest publication between RECENT and RECENT + 6 days before today."""
    newest = newest_publication(records)
    if newest is None:
        return datetime.timedelta(0)
    return datetime.timedelta(weeks=(today - RECENT - newest).days // 7)


def in_year(day, year):
    """`day` in another year (29 February: the 28th in a year without it)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def within_a_year_after(day, today):
    """`day`'s day and month in the twelve months after today."""
    this_year = in_year(day, today.year)
    return this_year if this_year > today else in_year(day, today.year + 1)


def moved(value, shift):
    """An ISO date or date-time `value` moved by `shift`, written as it was."""
    if len(value) > 10:
        return (datetime.datetime.fromisoformat(value) + shift).isoformat()
    return (as_date(value) + shift).isoformat()


def dated_from_today(records, today):
    """(records with their dates moved, the shift): new dicts; `records` are left as they are."""
    shift = shift_for(records, today)
    newest = newest_publication(records)
    out = []
    for record in records:
        record = dict(record)
        for name in DATES.get(record.get("kind"), ()):
            value = record.get(name)
            if not isinstance(value, str):
                continue
            if name == "deadline" and newest and as_date(value) > newest + datetime.timedelta(days=365):
                record[name] = within_a_year_after(as_date(value), today).isoformat()
            else:
                record[name] = moved(value, shift)
        out.append(record)

    def order(record):
        kind = record.get("kind")
        rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
        return rank, str(record.get(ORDER_BY.get(kind), ""))[:10]

    return sorted(out, key=order), shift


def dated_lines(lines, today):
    """(JSON Lines of the catalogue file `lines` dated from `today`, the shift)."""
    records, shift = dated_from_today(records_of(lines), today)
    return [json.dumps(record, ensure_ascii=False) + "\n" for record in records], shift
