"""What is new: the first publication of a wish, an InnoDay or a performance report, recorded once.

Called from `page_published`, inside the publisher's transaction. It adds one row and, after the commit,
one task: publishing never waits for matching or email. Later publications (edits, a translation, a
re-import, unpublish and publish again) find the row and do nothing.
"""

from django.db import transaction
from django.utils import timezone

from innoportal.tasks import enqueue_with_transaction
from notifications.models import Announcement

Kind = Announcement.Kind


def announce(kind, page, newsworthy=True):
    """Record `page`'s item as announced; the first time, queue the alerts. Returns True the first time."""
    from notifications.tasks import match_subscribers

    if page.alias_of_id:
        return False  # an alias shares its original's translation key, which is announced on its own
    defaults = {"page": page, "title": page.title[:255], "newsworthy": newsworthy}
    with transaction.atomic():  # a savepoint: a concurrent publisher of the same item may win the insert
        announcement, created = Announcement.objects.get_or_create(
            kind=kind, item_key=page.translation_key, defaults=defaults
        )
    if created and newsworthy:
        enqueue_with_transaction(match_subscribers, announcement.pk)
    return created


def wish_is_open(wish):
    """A wish published already matched, closed or past its deadline is no opportunity to alert about."""
    return wish.status == wish.Status.OPEN and (wish.deadline is None or wish.deadline >= timezone.localdate())


def wish_published(sender, instance, **kwargs):
    announce(Kind.WISH, instance, newsworthy=wish_is_open(instance))


def trial_published(sender, instance, **kwargs):
    # A trial is announced when its verified report is first published, not when the trial starts.
    if instance.has_report:
        announce(Kind.REPORT, instance)


def innoday_published(sender, instance, **kwargs):
    announce(Kind.INNODAY, instance, newsworthy=instance.ends > timezone.now())
