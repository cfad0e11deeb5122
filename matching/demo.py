"""Demo matching for `make run`: the loop from wish to outcome, filled in as the Inno Office would have.

The demo catalogue's eight trials each started from a match no one recorded, so the workbench, the
wish timelines, the reports library and the home page's "recently matched" would all be empty. Here
each trial gets its confirmed match (decided by the demo officer about two months before the trial
started); its facts (funding, progress, report date, benefits a year) are filled in from what the
catalogue says, through the pages in both languages as an editor would; two reported wishes get an
outcome; one open wish gets a shortlisted suggestion; every live wish gets its suggestions computed.
The demo is set today: `load_demo_content` dates the catalogue from today (home/demo_dates.py), so
that its newest items are a few weeks old, two trials are under way and one is about to start.
Called by `manage.py load_demo_content` after `accounts.demo` and `submissions.demo`.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Locale

from accounts.models import User
from catalogue.models import Trial, Wish, WishPage
from matching import decisions, suggestions
from matching.explain import explain
from matching.models import Match, OverdueReminder

OFFICER = "officer@demo.example.hk"
MONTH = datetime.timedelta(days=30)
TARIFF_HKD_PER_KWH = Decimal("1.2")  # about what a government building pays for electricity
REASON = "Meets the wish's requirements; the provider can trial it on site within the department's timetable."


def funding_route(trial):
    """R&D centres' and universities' results are trialled under the Public Sector Trial Scheme; the
    departments otherwise pay from their own budget, and a public body buys."""
    if trial.solution.organisation.type in ("university", "research-institute"):
        return Trial.FundingRoute.PSTS
    department = trial.wish.organisation.type == "department"
    return Trial.FundingRoute.OWN_BUDGET if department else Trial.FundingRoute.PURCHASE


def benefits(page):
    """Benefits a year from the final report's metrics: the electricity saved (over the trial: a
    modest figure for a year) and its value at the tariff, and the payback the report gives."""
    facts = {}
    for metric in page.final_metrics():
        if metric.unit == "kWh":
            kwh = int(Decimal(metric.value))
            facts.update(energy_saved_kwh=kwh, money_saved_hkd=Decimal(int(round(kwh * TARIFF_HKD_PER_KWH, -3))))
        elif metric.unit == "years" and "payback" in metric.name.lower():
            facts["payback_years"] = Decimal(metric.value)
    return facts


def trial_facts(trial, page):
    facts = {"funding_route": funding_route(trial)}
    if trial.status == Trial.Status.COMPLETED and page.has_report and trial.end_date:
        facts.update(final_report_on=trial.end_date + MONTH, **benefits(page))
    elif trial.status == Trial.Status.IN_PROGRESS and trial.start_date and trial.end_date:
        share = (timezone.localdate() - trial.start_date) / (trial.end_date - trial.start_date)
        percent = max(0, min(95, round(share * 20) * 5))  # to the nearest 5%
        facts.update(planned_start=trial.start_date, planned_end=trial.end_date, percent_complete=percent)
    return facts


def reminded_already(trial):
    """A planned end already past when the demo is loaded needs no reminder to the editors of a fresh
    demo (the queued reminder finds this and sends nothing); one still ahead is reminded of as usual."""
    if trial.planned_end and trial.planned_end < timezone.localdate():
        OverdueReminder.objects.get_or_create(trial=trial, planned_end=trial.planned_end)


def publish(item, **facts):
    """Write the facts and publish every live page of the item (the facts are shared by its languages)."""
    for page in item.pages.live().order_by("pk"):
        page.set_facts(**facts)
        page.save_revision().publish()


@transaction.atomic
def load_demo(stdout):
    if Match.objects.exists():
        return
    officer = User.objects.filter(email=OFFICER).first()
    trials = Trial.objects.filter(pages__live=True).distinct().select_related("wish", "solution").order_by("key")
    for trial in trials:
        match = decisions.decide(trial.wish, trial.solution, Match.Decision.CONFIRMED, officer, REASON)
        match.trial = trial
        if trial.start_date:
            day = trial.start_date - 2 * MONTH
            match.decided_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        match.save(update_fields=["trial", "decided_at"])
        publish(trial, **trial_facts(trial, trial.page_in(Locale.get_default())))
        trial.refresh_from_db()
        reminded_already(trial)
    reported = [t for t in trials.filter(status=Trial.Status.COMPLETED) if t.final_report_on]
    reported.sort(key=lambda t: (-(t.energy_saved_kwh or 0), t.key))  # the biggest saving was adopted
    outcomes = [(Wish.Outcome.ADOPTED, "https://www.emsd.gov.hk/"), (Wish.Outcome.TENDER, "")]
    for trial, (outcome, link) in zip(reported, outcomes, strict=False):
        publish(trial.wish, outcome=outcome, outcome_date=trial.final_report_on + 3 * MONTH, outcome_link=link)
    live = Wish.objects.filter(pk__in=WishPage.objects.live().values("item_id")).order_by("key")
    suggested = {wish: suggestions.compute(wish) for wish in live}
    matched = set(Match.objects.values_list("solution", flat=True))
    shortlisted = None
    for wish in (w for w in live if w.status == Wish.Status.OPEN):
        best = next((s for s in suggested[wish] if s.solution_id not in matched), None)
        if best:
            with translation.override("en"):
                reason = f"Suggested: {explain(best.reasons)}. Worth a site visit with the provider."
            shortlisted = decisions.decide(wish, best.solution, Match.Decision.SHORTLISTED, officer, reason)
            break
    stdout.write(
        f"Demo matching: {trials.count()} confirmed matches with their trials' facts, "
        f"{len(reported[:2])} wish outcomes, {'one' if shortlisted else 'no'} shortlisted suggestion, "
        f"suggestions for {len(suggested)} live wishes"
    )
