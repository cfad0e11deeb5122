"""What became of a wish, step by step, for its public page: posted, solutions proposed, matched,
trial started, report published, outcome — each with its date once it has happened.

The catalogue knows the steps it holds (posting, proposals, trials, reports, the outcome); other
apps add theirs (the matching's confirmed match) through the hook `catalogue_wish_timeline`, which
returns {step name: (date, detail)} for a wish page.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

STEPS = [
    ("posted", _("Posted")),
    ("proposed", _("Solutions proposed")),
    ("matched", _("Matched")),
    ("trial", _("Field trial started")),
    ("report", _("Verified report published")),
    ("outcome", _("Outcome")),
]


@dataclass
class Step:
    name: str
    label: str
    date: object = None
    detail: str = ""
    url: str = ""

    @property
    def done(self):
        return self.date is not None or bool(self.detail)


def wish_timeline(page):
    wish = page.item
    known = {"posted": (wish.published_on, "", "")}
    solutions = list(page.live_solutions())
    if solutions:
        first = min(s.item.published_on for s in solutions)
        known["proposed"] = (first, str(len(solutions)), "")
    trials = list(page.live_trials())
    started = [t for t in trials if t.start_date]
    if started:
        trial = min(started, key=lambda t: t.start_date)  # every one has a start date
        known["trial"] = (trial.start_date, trial.title, trial.url)
    reported = [t for t in trials if t.has_report]
    if reported:
        trial = min(reported, key=lambda t: (t.report_date is None, t.report_date or datetime.date.max))
        known["report"] = (trial.report_date, trial.title, trial.url)
    if wish.outcome:
        known["outcome"] = (wish.outcome_date, page.fact_label("outcome"), wish.outcome_link)
    for hook in hooks.get_hooks("catalogue_wish_timeline"):
        known.update(hook(page))
    return [Step(name, label, *known.get(name, (None, "", ""))) for name, label in STEPS]
