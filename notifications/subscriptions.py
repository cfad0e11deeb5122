"""Subscribing (double opt-in), changing one's choices, and unsubscribing."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from innoportal.tasks import enqueue_with_transaction
from notifications.matching import normalise_keywords
from notifications.models import Interest, Subscription

Status = Subscription.Status
# However often a form is sent for one address, that address gets at most one email in this time.
EMAIL_INTERVAL = datetime.timedelta(minutes=10)


def may_email(subscription):
    """True (and noted) when this address has not been emailed by the form within EMAIL_INTERVAL."""
    now = timezone.now()
    if subscription.last_emailed_at and now - subscription.last_emailed_at < EMAIL_INTERVAL:
        return False
    Subscription.objects.filter(pk=subscription.pk).update(last_emailed_at=now)
    return True


@transaction.atomic
def set_choices(subscription, *, categories=(), organisation_types=(), **fields):
    """Save the subscriber's choices, all or none; `fields` are frequency, language, all_categories,
    keywords, innodays and reports. A category or type chosen twice counts once."""
    categories, organisation_types = dict.fromkeys(categories), dict.fromkeys(organisation_types)
    for name, value in fields.items():
        setattr(subscription, name, normalise_keywords(value) if name == "keywords" else value)
    subscription.save()
    subscription.interests.all().delete()
    Interest.objects.bulk_create(
        [Interest(subscription=subscription, facet=Interest.Facet.CATEGORY, value=key) for key in categories]
        + [
            Interest(subscription=subscription, facet=Interest.Facet.ORGANISATION_TYPE, value=kind)
            for kind in organisation_types
        ]
    )


@transaction.atomic
def request_subscription(email, **choices):
    """A new address (or one that never confirmed) gets the confirmation email; nothing else is sent
    until its link is followed. A confirmed address is left as it is and is told how to manage it,
    so a stranger can neither change someone's alerts nor learn whether they subscribe."""
    from notifications.tasks import send_confirmation, send_reminder_of_subscription

    subscription, _created = Subscription.objects.get_or_create(email=email.strip().lower())
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status == Status.CONFIRMED:
        language = choices.get("language", subscription.language)
        if may_email(subscription):
            enqueue_with_transaction(send_reminder_of_subscription, subscription.pk, language)
        return subscription
    set_choices(subscription, **choices)
    if may_email(subscription):
        enqueue_with_transaction(send_confirmation, subscription.pk)
    return subscription


@transaction.atomic
def confirm(subscription):
    updated = Subscription.objects.filter(pk=subscription.pk, status=Status.PENDING).update(
        status=Status.CONFIRMED, confirmed_at=timezone.now()
    )
    subscription.refresh_from_db()
    return bool(updated)


@transaction.atomic
def unsubscribe(subscription):
    """Forget the person: alerts not yet sent go, sent ones stay as anonymous counts."""
    subscription.delete()


def purge_unconfirmed():
    """Requests never confirmed within ALERTS_CONFIRM_DAYS are deleted, and with them the address."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.ALERTS_CONFIRM_DAYS)
    _total, deleted = Subscription.objects.filter(status=Status.PENDING, created_at__lt=cutoff).delete()
    return deleted.get(Subscription._meta.label, 0)
