"""Everything already published counts as announced, so that its next edit does not alert anyone."""

from django.db import migrations
from django.utils import timezone


def announce_existing(apps, schema_editor):
    Announcement = apps.get_model("notifications", "Announcement")
    sources = [
        ("wish", apps.get_model("catalogue", "WishPage").objects.all()),
        ("report", apps.get_model("catalogue", "TrialPage").objects.filter(status="completed").exclude(report_summary="")),
    ]
    try:
        sources.append(("innoday", apps.get_model("events", "InnoDayPage").objects.all()))
    except LookupError:
        pass
    rows = {}
    for kind, pages in sources:
        for page in pages.exclude(first_published_at=None).order_by("pk"):
            rows.setdefault((kind, page.translation_key), page)
    Announcement.objects.bulk_create(
        [
            Announcement(
                kind=kind, item_key=key, page_id=page.pk, title=page.title[:255], newsworthy=False,
                announced_at=page.first_published_at, matched_at=timezone.now(),
            )
            for (kind, key), page in rows.items()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("catalogue", "0001_initial"),
        ("events", "0001_initial"),
    ]
    # It reads the trials' status from the pages, where it lived before catalogue 0002 moved it.
    run_before = [("catalogue", "0002_facts_shared_by_languages")]

    operations = [migrations.RunPython(announce_existing, migrations.RunPython.noop)]
