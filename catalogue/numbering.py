"""The Inno Office's numbers: every wish, solution and trial is numbered when first published.

`W-2026-0001` is the first wish published in 2026. A number is given once, never reused and never
changed (unpublishing and publishing again keeps it); the year is that of the item's publication
date. Numbers are drawn from one locked row per prefix and year, so two publications at the same
moment cannot take the same number on PostgreSQL or SQLite.
"""

from django.db import transaction
from django.utils import timezone

from catalogue.models import NumberSequence


def format_number(prefix, year, n):
    return f"{prefix}-{year}-{n:04d}"


@transaction.atomic
def assign_number(item):
    """Give `item` its number if it has none; returns the number."""
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.number:
        return item.number
    year = (getattr(item, "published_on", None) or getattr(item, "start_date", None) or timezone.localdate()).year
    NumberSequence.objects.get_or_create(prefix=item.key_prefix, year=year)
    sequence = NumberSequence.objects.select_for_update().get(prefix=item.key_prefix, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    item.number = format_number(item.key_prefix, year, sequence.last)
    item.save(update_fields=["number"])
    return item.number


def page_published(sender, instance, **kwargs):
    """`page_published` of a wish, solution or trial page: its item is numbered, in the publisher's
    transaction, so the page never shows without its number."""
    if instance.item_id and not instance.item.number:
        instance.item.number = assign_number(instance.item)
