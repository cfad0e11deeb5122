"""Sending alerts: in claimed batches over one SMTP connection, so that a retry never sends anything twice.

1. claim: a batch of pending rows becomes "sending" under one claim id, committed before any mail goes out;
   concurrent senders skip each other's rows (SKIP LOCKED on PostgreSQL; SQLite writes one at a time).
2. send the claimed rows in primary-key order, marking each "sent" the moment the server accepts it.
3. recover: a claim still "sending" after ALERTS_CLAIM_TIMEOUT belonged to a worker that died. In an
   immediate batch its first row may or may not have been accepted, so it becomes "unknown" and is never
   sent again; the rows after it were never tried and go back to "pending". A digest is one email for the
   whole claim, so all its rows become "unknown".

That is at-most-once delivery: a crash can cost one subscriber one alert (counted as "delivery unknown"
in the admin), but can never make anyone receive the same item twice.
"""

import datetime
import smtplib
import time
import uuid
from collections import Counter

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from notifications.emails import ItemCache, alert_mail
from notifications.models import Alert, Subscription

Status = Alert.Status
Frequency = Subscription.Frequency
# A server that says 4xx may accept later: the alert is tried again after RETRY_AFTER, and given up as
# failed after MAX_ATTEMPTS.
MAX_ATTEMPTS = 3
RETRY_AFTER = datetime.timedelta(minutes=15)
# A sender refreshes its claim this often (seconds), far inside ALERTS_CLAIM_TIMEOUT, so that only the
# claims of dead workers ever look stale.
HEARTBEAT = 30


def pending(frequency):
    """Alerts waiting for subscribers of `frequency`, less those refused a moment ago."""
    return Alert.objects.filter(
        status=Status.PENDING,
        subscription__status=Subscription.Status.CONFIRMED,
        subscription__frequency=frequency,
    ).exclude(attempts__gt=0, claimed_at__gt=timezone.now() - RETRY_AFTER)


def claim(queryset, size, in_digest=False):
    """Mark up to `size` rows of `queryset` as ours; returns the claim id, or None when none is left."""
    with transaction.atomic():
        rows = queryset.order_by("pk")
        if db_connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        ids = list(rows.values_list("pk", flat=True)[:size])
        if not ids:
            return None
        claim_id = uuid.uuid4()
        Alert.objects.filter(pk__in=ids).update(
            status=Status.SENDING, claim=claim_id, claimed_at=timezone.now(), in_digest=in_digest
        )
    return claim_id


def mark(alert_ids, status, **fields):
    if status == Status.SENT:
        fields["sent_at"] = timezone.now()
    if status == Status.PENDING:
        fields["claim"] = None  # claimed_at stays: the time of the last attempt, for RETRY_AFTER
    Alert.objects.filter(pk__in=alert_ids, status=Status.SENDING).update(status=status, **fields)


def refused(alert, error):
    """The server said no to this message: try again later on 4xx, give up on 5xx or after MAX_ATTEMPTS."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = min(code for code, _message in error.recipients.values())
    retry = code is not None and 400 <= code < 500 and alert.attempts + 1 < MAX_ATTEMPTS
    mark([alert.pk], Status.PENDING if retry else Status.FAILED, attempts=F("attempts") + 1)
    return "retry" if retry else "failed"


def send_immediate_claim(claim_id, connection, items):
    """Send each claimed alert as its own email; returns Counter(sent=, failed=, retry=, gone=)."""
    counts = Counter()
    alerts = Alert.objects.filter(claim=claim_id, status=Status.SENDING).select_related("subscription", "announcement")
    alerts = list(alerts.order_by("pk"))
    beat = time.monotonic()
    for position, alert in enumerate(alerts):
        if time.monotonic() - beat > HEARTBEAT:
            beat = time.monotonic()
            if not Alert.objects.filter(claim=claim_id, status=Status.SENDING).update(claimed_at=timezone.now()):
                break  # taken for stale (this worker was stopped far too long): whoever took it decides
        item = alert.subscription and items.get(alert.announcement, alert.subscription.language)
        if not item:  # the item was unpublished, or the subscriber left, since the claim
            mark([alert.pk], Status.SKIPPED)
            counts["gone"] += 1
            continue
        message = alert_mail(alert.subscription, [item], connection=connection, name=f"alert-{alert.pk}")
        try:
            message.send()
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            counts[refused(alert, error)] += 1
            continue
        except Exception:
            # The connection broke: this message's fate is unknown, the later ones were never tried.
            mark([alert.pk], Status.UNKNOWN)
            mark([later.pk for later in alerts[position + 1 :]], Status.PENDING)
            raise
        mark([alert.pk], Status.SENT)
        counts["sent"] += 1
    return counts


def deliver_immediate(announcement_id=None, batch_size=None):
    """Send pending alerts of subscribers who want them at once (of one announcement, or all)."""
    batch_size = batch_size or settings.ALERTS_BATCH_SIZE
    queryset = pending(Frequency.IMMEDIATE)
    if announcement_id is not None:
        queryset = queryset.filter(announcement_id=announcement_id)
    counts, items = Counter(), ItemCache()
    with get_connection() as connection:  # one SMTP connection for every batch
        while claim_id := claim(queryset, batch_size):
            counts += send_immediate_claim(claim_id, connection, items)
    return counts


def send_digest(subscription, connection, items):
    """One email with every pending alert of this subscriber; returns how many items it listed."""
    claim_id = claim(Alert.objects.filter(subscription=subscription, status=Status.PENDING), 1000, in_digest=True)
    if claim_id is None:
        return 0
    alerts = list(Alert.objects.filter(claim=claim_id).select_related("announcement").order_by("pk"))
    listed = [(alert, items.get(alert.announcement, subscription.language)) for alert in alerts]
    gone = [alert.pk for alert, item in listed if item is None]
    listed = [(alert, item) for alert, item in listed if item is not None]
    mark(gone, Status.SKIPPED)
    if not listed:
        return 0
    ids = [alert.pk for alert, _item in listed]
    message = alert_mail(subscription, [item for _alert, item in listed], connection=connection, digest=True)
    try:
        message.send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError):
        mark(ids, Status.PENDING, attempts=F("attempts") + 1)  # the next digest tries again
        return 0
    except Exception:
        mark(ids, Status.UNKNOWN)
        raise
    mark(ids, Status.SENT)
    return len(ids)


def send_digests(frequency):
    """The daily or weekly digest of every subscriber of that frequency who has something waiting."""
    due = pending(frequency).values_list("subscription_id", flat=True).distinct()
    subscriptions = Subscription.objects.filter(pk__in=list(due)).order_by("pk")
    emails = items_listed = 0
    items = ItemCache()
    with get_connection() as connection:
        for subscription in subscriptions.iterator():
            listed = send_digest(subscription, connection, items)
            emails += bool(listed)
            items_listed += listed
    return emails, items_listed


def recover_stale_claims(timeout=None):
    """Settle the claims of workers that died (see the module's docstring); returns (unknown, released)."""
    timeout = settings.ALERTS_CLAIM_TIMEOUT if timeout is None else timeout
    cutoff = timezone.now() - datetime.timedelta(seconds=timeout)
    stale = Alert.objects.filter(status=Status.SENDING, claimed_at__lte=cutoff)
    unknown = released = 0
    for claim_id, in_digest in stale.values_list("claim", "in_digest").distinct():
        with transaction.atomic():
            ids = list(stale.filter(claim=claim_id).order_by("pk").values_list("pk", flat=True))
            uncertain, untried = (ids, []) if in_digest else (ids[:1], ids[1:])
            mark(uncertain, Status.UNKNOWN)
            mark(untried, Status.PENDING)
        unknown += len(uncertain)
        released += len(untried)
    return unknown, released
