"""Background work for alerts: it runs in the task worker (`manage.py db_worker`), never in a web request."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from notifications import delivery, emails, matching
from notifications.models import Announcement, Subscription
from notifications.subscriptions import purge_unconfirmed


@task()
def send_confirmation(subscription_id):
    subscription = Subscription.objects.filter(pk=subscription_id, status=Subscription.Status.PENDING).first()
    if subscription:
        emails.send_confirmation(subscription)


@task()
def send_reminder_of_subscription(subscription_id, language):
    subscription = Subscription.objects.filter(pk=subscription_id, status=Subscription.Status.CONFIRMED).first()
    if subscription:
        emails.send_reminder_of_subscription(subscription, language)


@task()
def match_subscribers(announcement_id):
    """The fan-out: one alert row per matching subscriber, then senders for the immediate ones.

    Several sender tasks let several workers share a large announcement; each claims its own batches.
    """
    announcement = Announcement.objects.filter(pk=announcement_id).first()
    if announcement is None:
        return 0
    matched = matching.create_alerts(announcement)
    for _sender in range(settings.ALERTS_PARALLEL_SENDERS):
        deliver_alerts.enqueue(announcement_id)
    return matched


@task()
def deliver_alerts(announcement_id=None):
    return dict(delivery.deliver_immediate(announcement_id))


@task()
def send_digests(frequency):
    emails_sent, items = delivery.send_digests(frequency)
    return {"emails": emails_sent, "items": items}


@task()
def catch_up():
    """What a worker that died left undone: settle its claims, match what was never matched, send
    what is still pending, and forget requests never confirmed. Safe to run at any time."""
    unknown, released = delivery.recover_stale_claims()
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.ALERTS_CLAIM_TIMEOUT)
    unmatched = list(Announcement.objects.filter(matched_at__isnull=True, newsworthy=True, announced_at__lte=cutoff))
    for announcement in unmatched:
        matching.create_alerts(announcement)
    sent = delivery.deliver_immediate()
    return {
        "unknown": unknown,
        "released": released,
        "matched_late": len(unmatched),
        "sent": sent["sent"],
        "purged": purge_unconfirmed(),
    }
