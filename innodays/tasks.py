"""Background work for InnoDays: emails, reminders and anonymisation run in the task worker."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from innodays.models import Registration
from innoportal.tasks import enqueue_with_transaction


@task()
def send_registration_email(registration_id, kind):
    from innodays.emails import send_registration_email as send

    registration = Registration.objects.filter(pk=registration_id, anonymised_at__isnull=True).first()
    if registration:
        send(registration, kind)


@task()
def send_reminder(registration_id):
    """The day before: only to people still confirmed, and only before the InnoDay starts."""
    from innodays.emails import send_registration_email as send

    registration = (
        Registration.objects.filter(
            pk=registration_id, status=Registration.Status.CONFIRMED, anonymised_at__isnull=True
        )
        .select_related("event")
        .first()
    )
    if registration and registration.event.starts > timezone.now():
        send(registration, "reminder")


def schedule_reminder(registration):
    when = registration.event.starts - datetime.timedelta(days=1)
    if when > timezone.now() and default_task_backend.supports_defer:
        enqueue_with_transaction(send_reminder.using(run_after=when), registration.pk)


@task()
def anonymise_registrations(days=None):
    """Remove personal data from registrations of InnoDays that ended `days` ago; statuses and counts stay."""
    days = settings.INNODAY_ANONYMISE_AFTER_DAYS if days is None else days
    cutoff = timezone.now() - datetime.timedelta(days=days)
    due = Registration.objects.filter(event__ends__lt=cutoff, anonymised_at__isnull=True)
    return due.update(name="", email="", organisation="", accessibility_needs="", anonymised_at=timezone.now())
