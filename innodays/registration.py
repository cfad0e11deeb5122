"""Seats: confirmed up to capacity, then waitlisted, promoted in order when someone cancels.

Every change of an InnoDay's seats locks that InnoDay first (SELECT ... FOR UPDATE on PostgreSQL; on
SQLite every write transaction starts IMMEDIATE and so runs one at a time), so concurrent
registrations can never overbook.

The InnoDay's page says "Seats are available" while more than FEW_SEATS are left, then the exact
number, then that the waitlist is open. Its cached copy is purged only when that changes (compared
under the lock, so exactly): a rush of registrations keeps the page served from the cache.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innodays.models import InnoDayPage, Registration
from innoportal.tasks import enqueue_with_transaction
from pagecache.purging import purge_innoday

Status = Registration.Status
FEW_SEATS = 20  # at most this many left, and the page gives the number


class RegistrationRefused(Exception):
    def __init__(self, code, message):
        self.code, self.message = code, message
        super().__init__(message)


def lock(event_key):
    """Lock the InnoDay (all its translations, in a fixed order) and return its capacity."""
    rows = InnoDayPage.objects.select_for_update(of=("self",)).filter(translation_key=event_key).order_by("pk")
    capacities = list(rows.values_list("capacity", flat=True))
    return capacities[0] if capacities else 0


def counted():
    return {
        "confirmed": Count("pk", filter=Q(status=Status.CONFIRMED)),
        "waitlisted": Count("pk", filter=Q(status=Status.WAITLISTED)),
        "cancelled": Count("pk", filter=Q(status=Status.CANCELLED)),
        "attended": Count("pk", filter=Q(attended_at__isnull=False)),
    }


def with_seats_left(counts, event):
    counts["capacity"] = event.capacity
    counts["left"] = max(0, event.capacity - counts["confirmed"])
    counts["few"] = 0 < counts["left"] <= FEW_SEATS
    return counts


def shown(capacity, confirmed):
    """What the InnoDay's page says of its seats: the number left when few, else only that some are."""
    return min(max(0, capacity - confirmed), FEW_SEATS + 1)


def seats_changed(event_key, capacity, before, after):
    """Confirmed seats went from `before` to `after` (under the lock): purge the page if it says otherwise now."""
    if shown(capacity, before) != shown(capacity, after):
        purge_innoday(event_key)


def confirmed_count(event_key):
    return active(event_key).filter(status=Status.CONFIRMED).count()


def seat_counts(event):
    counts = Registration.objects.filter(event_key=event.event_key).aggregate(**counted())
    return with_seats_left(counts, event)


def seat_counts_of(events):
    """seat_counts of many InnoDays in one query: {event_key: counts}."""
    rows = (
        Registration.objects.filter(event_key__in={event.event_key for event in events})
        .order_by()
        .values("event_key")
        .annotate(**counted())
    )
    found = {row.pop("event_key"): row for row in rows}
    none = dict.fromkeys(counted(), 0)
    return {event.event_key: with_seats_left(dict(found.get(event.event_key, none)), event) for event in events}


def active(event_key):
    return Registration.objects.filter(event_key=event_key, anonymised_at__isnull=True).exclude(status=Status.CANCELLED)


def notify(registration, kind):
    from innodays.tasks import schedule_reminder, send_registration_email

    enqueue_with_transaction(send_registration_email, registration.pk, kind)
    if registration.status == Status.CONFIRMED:
        schedule_reminder(registration)


@transaction.atomic
def register(event, *, name, email, organisation, sector, accessibility_needs="", language="en"):
    capacity = lock(event.event_key)
    state = event.registration_state()
    if state != "open":
        message = _("Registration has not opened yet.") if state == "not-open" else _("Registration is closed.")
        raise RegistrationRefused(state, message)
    # The seats taken and whether this address has one already, in one query.
    found = active(event.event_key).aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)), duplicate=Count("pk", filter=Q(email__iexact=email))
    )
    if found["duplicate"]:
        raise RegistrationRefused(
            "duplicate",
            _(
                "This email address is already registered for this InnoDay. We have sent the confirmation "
                "to it again; please check your inbox."
            ),
        )
    confirmed = found["confirmed"]
    registration = Registration.objects.create(
        event_key=event.event_key,
        event=event,
        name=name,
        email=email.lower(),
        organisation=organisation,
        sector=sector,
        accessibility_needs=accessibility_needs,
        language=language,
        status=Status.CONFIRMED if confirmed < capacity else Status.WAITLISTED,
    )
    seated = registration.status == Status.CONFIRMED
    seats_changed(event.event_key, capacity, confirmed, confirmed + seated)
    notify(registration, "confirmation" if seated else "waitlist")
    return registration


def resend(event, email):
    """Send the existing registration's email again (when someone registers twice)."""
    from innodays.tasks import send_registration_email

    existing = active(event.event_key).filter(email__iexact=email).first()
    if existing:
        kind = "confirmation" if existing.status == Status.CONFIRMED else "waitlist"
        send_registration_email.enqueue(existing.pk, kind)


def fill_free_seats(event_key, capacity, confirmed):
    """Promote waitlisted people, first come first served, while seats are free. Call under the lock,
    with the InnoDay's capacity and its confirmed seats."""
    waiting = active(event_key).filter(status=Status.WAITLISTED).order_by("created_at", "pk")
    promoted = []
    for registration in waiting[: max(0, capacity - confirmed)]:
        promoted.append(promote_one(registration))
    return promoted


@transaction.atomic
def seat_the_waitlist(event_key):
    """After the capacity was raised: the waitlist moves up, in order (publishing purges the page)."""
    capacity = lock(event_key)
    return fill_free_seats(event_key, capacity, confirmed_count(event_key))


def promote_one(registration):
    registration.status = Status.CONFIRMED
    registration.promoted_at = timezone.now()
    registration.save(update_fields=["status", "promoted_at"])
    notify(registration, "promoted")
    return registration


@transaction.atomic
def cancel(registration):
    key = registration.event_key
    capacity = lock(key)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return registration, []
    before = confirmed_count(key)
    freed = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    promoted = fill_free_seats(key, capacity, before - freed)
    seats_changed(key, capacity, before, before - freed + len(promoted))
    return registration, promoted


@transaction.atomic
def promote(registration):
    """Organisers confirm one waitlisted person by hand, out of turn.

    Free seats always go to the waitlist automatically and in order, so a manual promotion is an
    organiser's deliberate decision to seat someone above the capacity (a speaker's colleague, say).
    Registration by the public never overbooks; this is the only way past the capacity.
    """
    capacity = lock(registration.event_key)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status != Status.WAITLISTED:
        raise RegistrationRefused("not-waitlisted", _("Only a waitlisted registration can be promoted."))
    before = confirmed_count(registration.event_key)
    seats_changed(registration.event_key, capacity, before, before + 1)
    return promote_one(registration)


@transaction.atomic
def mark_attended(registration):
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.CONFIRMED:
        raise RegistrationRefused("not-confirmed", _("Only a confirmed registration can be checked in."))
    if registration.attended_at is None:
        registration.attended_at = timezone.now()
        registration.save(update_fields=["attended_at"])
    return registration
