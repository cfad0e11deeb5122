"""The portal's figures, counted from live content each time they are asked for: nothing is typed in.

Only what anyone may read counts: live pages outside private sections (`innoportal.visibility`), in
one language. A wish is one wish however many languages it is written in, so each language counts its
own pages (they normally hold the same items; one not yet translated counts where it is written, as on
the home page). A confirmed match counts when its wish and its solution are both public there.

Eight queries whatever the size of the catalogue — the wishes, the date each wish's first solution
was proposed (grouped), the trials, the confirmed matches; the categories and the organisations, and the public
items counted per category and per organisation (grouped counts, one query for each breakdown) —
besides the view restrictions (read once per request). A count per row as a correlated subquery took
0.7 s for each breakdown at 100,000 records on PostgreSQL, and the first proposal per wish 0.4 s.
The monthly trends and the funnel are arithmetic on those rows in Python: a row per wish, trial and
match.

The funnel follows each wish along the loop the portal exists for, with the dates its public timeline
shows (`catalogue.timeline`): posted, first solution proposed, first match confirmed, first trial
started, first final report, adopted. A wish that reached a step has passed the ones before it, even
where nobody recorded them (a trial started from a match, recorded or not). The days between two steps
are counted for the wishes with both dates; a step dated before the one before it (a solution published
before the wish it was later proposed for) counts as 0 days.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, Count, ExpressionWrapper, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from catalogue.models import (
    Organisation,
    SolutionPage,
    TechnologyCategory,
    Trial,
    TrialPage,
    Wish,
    WishPage,
)
from innoportal.visibility import public
from matching.models import Match

MONTHS = 36
STEPS = ("posted", "proposed", "matched", "trial", "report", "adopted")
STARTED = (Trial.Status.IN_PROGRESS, Trial.Status.COMPLETED)


@dataclass
class Totals:
    wishes: int
    solutions: int
    matches: int
    trials: int
    reports: int
    matched_value: Decimal


@dataclass
class Month:
    month: datetime.date  # its first day
    posted: int = 0
    matched: int = 0
    trials: int = 0
    reports: int = 0


@dataclass
class Share:
    """One row of a breakdown: a category, a department, a type of provider, and its counts."""

    key: str
    name: str
    wishes: int = 0
    solutions: int = 0
    trials: int = 0


@dataclass
class Step:
    name: str  # one of STEPS
    wishes: int  # how many wishes reached it
    median_days: float | None = None  # from the step before, over the wishes with both dates
    measured: int = 0  # how many wishes the median is taken over


@dataclass
class Statistics:
    totals: Totals
    months: list
    categories: list
    departments: list
    provider_types: list
    funnel: list


def live_pages(model, locale):
    return public(model.objects.live()).filter(locale=locale)


def public_items(model, locale):
    """The facts records (Wish, Solution, Trial) of the live public pages of a kind in `locale`."""
    return model.item_model().objects.filter(pk__in=live_pages(model, locale).values("item_id"))


def compute(locale, today=None):
    """Everything the statistics page shows, in `locale`, with trends up to `today`'s month."""
    today = today or timezone.localdate()
    wishes, trials, matches = _wish_rows(locale), _trial_rows(locale), _match_rows(locale)
    categories = _categories(locale)
    organisations = _organisations(locale)
    totals = Totals(
        wishes=len(wishes),
        solutions=sum(row.solutions for row in organisations),  # every solution has one provider
        matches=len(matches),
        trials=len(trials),
        reports=sum(1 for trial in trials if trial["reported"]),
        matched_value=sum((trial["value"] or Decimal(0) for trial in trials), Decimal(0)),
    )
    return Statistics(
        totals=totals,
        months=monthly(today, wishes, trials, matches),
        categories=categories,
        departments=sorted(
            (row for row in organisations if row.wishes), key=lambda row: (-row.wishes, -row.trials, row.name)
        ),
        provider_types=provider_types(organisations),
        funnel=funnel(wishes, trials, matches),
    )


def _wish_rows(locale):
    """Each public wish: its id, when it was posted, its outcome, and when its first solution was proposed."""
    proposed = public_items(SolutionPage, locale).order_by().values_list("applicable_to")
    first_proposed = dict(proposed.annotate(first=Min("published_on")).values_list("applicable_to", "first"))
    fields = ("item_id", "item__published_on", "item__outcome", "item__outcome_date")
    return [
        {"id": wish, "posted": posted, "proposed": first_proposed.get(wish), "outcome": outcome, "outcome_date": on}
        for wish, posted, outcome, on in live_pages(WishPage, locale).values_list(*fields)
    ]


def _trial_rows(locale):
    """Each public trial: its wish, start, status, value, and whether (and when) its final report came."""
    final = Q(item__status=Trial.Status.COMPLETED) & ~Q(report_summary="")
    rows = live_pages(TrialPage, locale).annotate(
        reported=ExpressionWrapper(final, output_field=BooleanField()),
        report_on=Coalesce("item__final_report_on", "item__end_date"),
    )
    names = ("wish", "start", "status", "value", "reported", "report_on")
    fields = ("item__wish_id", "item__start_date", "item__status", "item__value_hkd", "reported", "report_on")
    return [{**dict(zip(names, row, strict=True)), "reported": bool(row[4])} for row in rows.values_list(*fields)]


def _match_rows(locale):
    """(wish id, the day it was decided in Hong Kong) of each confirmed match whose wish and solution are public."""
    confirmed = Match.objects.filter(
        decision=Match.Decision.CONFIRMED,
        wish__in=public_items(WishPage, locale),
        solution__in=public_items(SolutionPage, locale),
    )
    return [(wish, timezone.localdate(decided)) for wish, decided in confirmed.values_list("wish_id", "decided_at")]


def _counted(*links):
    """For each (items, link) in `links`, {id of the row `link` names: how many of `items` link to it},
    all in one query (grouped counts, one after another). Each item links to a row at most once (a
    category is on a wish once; a trial has one wish)."""
    parts = [
        items.order_by().annotate(part=Value(n)).values_list("part", link).annotate(n=Count("pk"))
        for n, (items, link) in enumerate(links)
    ]
    counts = [{} for _ in links]
    for part, key, n in parts[0].union(*parts[1:], all=True):
        if key is not None:
            counts[part][key] = n
    return counts


def _named(model, locale):
    """Every row of `model`, with `local_name`: its name in `locale`, else its own."""
    version = model.objects.filter(translation_key=OuterRef("translation_key"), locale=locale)
    local_name = Coalesce(Subquery(version.values("name")[:1]), "name")
    return model.objects.annotate(local_name=local_name)


def _categories(locale):
    """Wishes, solutions and trials (by their wish's categories) per technology category, most wishes first."""
    wishes, solutions, trials = _counted(
        (public_items(WishPage, locale), "categories"),
        (public_items(SolutionPage, locale), "categories"),
        (public_items(TrialPage, locale), "wish__categories"),
    )
    merged = {}  # items point at one version of a category; add up all its versions all the same
    for pk, key, name in _named(TechnologyCategory, locale).values_list("pk", "key", "local_name"):
        share = merged.setdefault(key, Share(key, name))
        share.wishes += wishes.get(pk, 0)
        share.solutions += solutions.get(pk, 0)
        share.trials += trials.get(pk, 0)
    shares = [share for share in merged.values() if share.wishes or share.solutions or share.trials]
    return sorted(shares, key=lambda s: (-s.wishes, -s.solutions, -s.trials, s.name))


@dataclass
class OrganisationCounts:
    key: str
    name: str
    type: str
    wishes: int  # posted
    solutions: int  # offered
    trials: int  # of its wishes
    provided_trials: int  # of its solutions


def _organisations(locale):
    """Each organisation with public wishes, solutions or trials, with those counts."""
    trials = public_items(TrialPage, locale)
    counts = _counted(
        (public_items(WishPage, locale), "organisation"),
        (public_items(SolutionPage, locale), "organisation"),
        (trials, "wish__organisation"),
        (trials, "solution__organisation"),
    )
    merged = {}
    for pk, key, name, kind in _named(Organisation, locale).values_list("pk", "key", "local_name", "type"):
        row = merged.setdefault(key, OrganisationCounts(key, name, kind, 0, 0, 0, 0))
        row.wishes += counts[0].get(pk, 0)
        row.solutions += counts[1].get(pk, 0)
        row.trials += counts[2].get(pk, 0)
        row.provided_trials += counts[3].get(pk, 0)
    return [row for row in merged.values() if row.wishes or row.solutions or row.trials or row.provided_trials]


def provider_types(organisations):
    """Solutions offered and trials of them, per type of provider (university, start-up, SME…), in the
    order the types are listed."""
    shares = {kind: Share(kind, label) for kind, label in Organisation.Type.choices}  # named when shown
    for row in organisations:
        share = shares[row.type] if row.type in shares else shares.setdefault(row.type, Share(row.type, row.type))
        share.solutions += row.solutions
        share.trials += row.provided_trials
    return [share for share in shares.values() if share.solutions or share.trials]


def month_starts(today, count=MONTHS):
    """The first days of the last `count` months, oldest first, ending with `today`'s."""
    year, month = today.year, today.month
    starts = []
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def monthly(today, wishes, trials, matches):
    """Wishes posted, matches confirmed, trials started and final reports published in each of the last
    MONTHS months."""
    months = {start: Month(start) for start in month_starts(today)}

    def add(day, name):
        month = months.get(day.replace(day=1)) if day else None
        if month is not None:
            setattr(month, name, getattr(month, name) + 1)

    for wish in wishes:
        add(wish["posted"], "posted")
    for _, day in matches:
        add(day, "matched")
    for trial in trials:
        add(trial["start"], "trials")
        if trial["reported"]:
            add(trial["report_on"], "reports")
    return list(months.values())


def _first(dates, wish, day):
    if day is not None and (wish not in dates or day < dates[wish]):
        dates[wish] = day


def funnel(wishes, trials, matches):
    """How many wishes reached each step of STEPS, and the median days each step took (module docstring)."""
    matched, started, reported = {}, {}, {}
    seen = {"matched": set(), "trial": set(), "report": set()}  # reached, dated or not
    for wish, day in matches:
        _first(matched, wish, day)
        seen["matched"].add(wish)
    for trial in trials:
        wish = trial["wish"]
        seen["matched"].add(wish)  # a trial starts from a match
        if trial["start"] or trial["status"] in STARTED:
            seen["trial"].add(wish)
            _first(started, wish, trial["start"])
        if trial["reported"]:
            seen["report"].add(wish)
            _first(reported, wish, trial["report_on"])
    reached, gaps = Counter(), {name: [] for name in STEPS[1:]}
    for wish in wishes:
        adopted = wish["outcome"] == Wish.Outcome.ADOPTED
        dates = [
            wish["posted"],
            wish["proposed"],
            matched.get(wish["id"]),
            started.get(wish["id"]),
            reported.get(wish["id"]),
            wish["outcome_date"] if adopted else None,
        ]
        evidence = [
            True,
            wish["proposed"] is not None,
            *(wish["id"] in seen[name] for name in ("matched", "trial", "report")),
            adopted,
        ]
        later = False
        for name, found in reversed(list(zip(STEPS, evidence, strict=True))):
            later = later or found
            reached[name] += later
        for n in range(1, len(STEPS)):
            if dates[n - 1] is not None and dates[n] is not None:
                gaps[STEPS[n]].append(max(0, (dates[n] - dates[n - 1]).days))
    steps = [Step("posted", reached["posted"])]
    for name in STEPS[1:]:
        days = gaps[name]
        steps.append(Step(name, reached[name], statistics.median(days) if days else None, len(days)))
    return steps
