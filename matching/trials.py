"""Trials started from confirmed matches, and the reminder when a trial passes its planned end
without a report.

"Start a trial" makes the trial's page as a draft in the site's default language with its facts
filled in from the match — the wish and the solution (and through them the department, the provider
and the categories), a prototype test in planning — so that nothing is typed twice; the editor adds
the site, dates and funding, and translates it as any page.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import default_task_backend, task
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale

from catalogue.models import Trial, TrialIndexPage, TrialPage
from innoportal.tasks import enqueue_with_transaction
from matching.models import Match


class CannotStart(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(message)


@transaction.atomic
def start_trial(match, user):
    """The draft trial page of a confirmed match (made once); returns it."""
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.decision != Match.Decision.CONFIRMED:
        raise CannotStart(_("Only a confirmed match can start a trial."))
    if match.trial_id:
        return match.trial.page_in(Locale.get_default())
    locale = Locale.get_default()
    index = TrialIndexPage.objects.filter(locale=locale).first()
    wish, solution = match.wish.page_in(locale), match.solution.page_in(locale)
    if index is None or wish is None or solution is None:
        raise CannotStart(_("The wish, the solution and the trials section must all have a page to start a trial."))
    with override(locale.language_code):
        title = _("%(solution)s for %(wish)s") % {"solution": solution.title, "wish": wish.title}
    page = TrialPage(title=title[:255], slug=find_available_slug(index, slugify(title)[:70] or "trial"), live=False)
    page.summary = wish.summary
    page.owner = user
    page.set_facts(wish=match.wish, solution=match.solution, trial_type=Trial.TrialType.PROTOTYPE_TEST)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    match.trial = page.item
    match.save(update_fields=["trial"])
    return page


def overdue(trial):
    """Past its planned end, neither completed with a report nor withdrawn."""
    if trial.planned_end is None or trial.planned_end >= timezone.localdate():
        return False
    if trial.status == Trial.Status.WITHDRAWN:
        return False
    reported = any(page.has_report for page in trial.pages.filter(live=True))
    return not reported


@task()
def remind_if_overdue(trial_id, planned_end):
    from matching.emails import send_overdue_reminder
    from matching.models import OverdueReminder

    trial = Trial.objects.filter(pk=trial_id).first()
    if not (trial and trial.planned_end and trial.planned_end.isoformat() == planned_end and overdue(trial)):
        return
    with transaction.atomic():
        _reminder, first = OverdueReminder.objects.get_or_create(trial=trial, planned_end=trial.planned_end)
    if first:
        send_overdue_reminder(trial)


def planned_end_before(sender, instance, **kwargs):
    """The stored planned end, read only when there is a planned end to compare it with."""
    if instance.pk is None or instance.planned_end is None:
        instance._planned_end_before = None
        return
    instance._planned_end_before = Trial.objects.filter(pk=instance.pk).values_list("planned_end", flat=True).first()


def trial_saved(sender, instance, **kwargs):
    """A trial's planned end set or moved: a reminder is queued for the morning after it; when it runs
    it does nothing if the date moved again, the trial was reported or withdrawn, or it was sent."""
    if instance.planned_end is None or instance.planned_end == getattr(instance, "_planned_end_before", None):
        return
    if not default_task_backend.supports_defer:
        return
    day_after = instance.planned_end + datetime.timedelta(days=1)
    when = timezone.make_aware(datetime.datetime.combine(day_after, datetime.time(9)))
    enqueue_with_transaction(remind_if_overdue.using(run_after=when), instance.pk, instance.planned_end.isoformat())
