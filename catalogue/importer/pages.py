"""New pages of an import, written in bulk.

Wagtail's add_child, save_revision and publish cost about 70 SQL statements a page, which limits an import
to 13-25 pages a second. Here a batch of new pages costs a few statements per table, and writes what those
three calls would write: tree paths as the last children of the index page, the page rows, categories and
other related rows, one revision, log entries for the creation and the publication (or the schedule), then
`post_save` and, for pages that go live, `page_published`, so that search, alerts and every other listener
react as they do to a page published in the admin. Changes to existing pages keep Wagtail's own path.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import router
from django.db.models.signals import post_save
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, published

BATCH = 500  # pages per batch: within SQLite's limit on the parameters of one statement


class NewPages:
    """Collects new, unsaved pages with their index page, and writes them when asked to."""

    def __init__(self):
        self.waiting = []  # (index page, page, scheduled)

    def __len__(self):
        return len(self.waiting)

    def pages(self):
        return [page for _index, page, _scheduled in self.waiting]

    def add(self, index, page, scheduled):
        # Empty related lists in memory: reading a new page's relations must not query the database.
        related = getattr(page, "_cluster_related_objects", {})
        names = [r.get_accessor_name() for r in get_all_child_relations(page)]
        names += [f.name for f in get_all_child_m2m_relations(page)]
        for name in names:
            if name not in related:
                setattr(page, name, [])
        self.waiting.append((index, page, scheduled))

    def write(self):
        """Write the waiting pages; returns them, saved, in the order they were added."""
        waiting, self.waiting = self.waiting, []
        if not waiting:
            return []
        now = timezone.now()
        by_index = defaultdict(list)
        for index, page, scheduled in waiting:
            prepare(page, scheduled, now)
            by_index[index].append(page)
        for index, pages in by_index.items():
            place(index, pages)
        pages = [page for _index, page, _scheduled in waiting]
        for page in pages:
            validate(page)
        for start in range(0, len(pages), BATCH):
            write_batch(pages[start : start + BATCH], now)
        return pages


def validate(page):
    """Field validation as Wagtail's publish does it, except for look-ups of related rows (the import has
    resolved them) and uniqueness (slugs are chosen unique; each key has one page per language)."""
    relations = [f.name for f in page._meta.fields if f.is_relation]
    try:
        page.clean_fields(exclude=relations)
    except ValidationError as error:
        problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        raise ValidationError(f"{page.key} ({page.locale.language_code}): {problems}") from error


def prepare(page, scheduled, now):
    """What Page.save, save_revision and publish set on a page that is new."""
    page.draft_title = page.title
    page.live = not scheduled
    page.has_unpublished_changes = scheduled
    page.first_published_at = page.last_published_at = None if scheduled else now
    page.latest_revision_created_at = now


def place(index, pages):
    """Tree paths for `pages` as the last children of `index`, whose row is locked while they are added."""
    parent = Page.objects.select_for_update().get(pk=index.pk)
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path")
    last_path = last.values_list("path", flat=True).first()
    position = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    for page in pages:
        position += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, position)
        if len(page.path) != len(parent.path) + Page.steplen:
            raise PathOverflow(f"no room for more children under {parent.url_path}")
        page.numchild = 0
        page.set_url_path(parent)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    index.numchild = parent.numchild + len(pages)


def write_batch(pages, now):
    database = router.db_for_write(Page)
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    rows = Page.objects.bulk_create([Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in pages])
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
        page._state.adding, page._state.db = False, database
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, specific in by_model.items():
        # Django's bulk_create refuses multi-table models; the page rows exist, so only the model's own table
        # is written here, as Model.save writes it after the parents.
        model._base_manager.using(database)._insert(specific, fields=model._meta.local_concrete_fields)
        write_related(model, specific)
    revisions = Revision.objects.bulk_create([revision(page, now) for page in pages])
    for page, rev in zip(pages, revisions, strict=True):
        page.latest_revision = rev
        page.live_revision = rev if page.live else None
    for page, row in zip(pages, rows, strict=True):
        row.latest_revision_id, row.live_revision_id = page.latest_revision_id, page.live_revision_id
    Page.objects.bulk_update(rows, ["latest_revision", "live_revision"])
    PageLogEntry.objects.bulk_create([entry for page in pages for entry in log_entries(page, now)])
    for page in pages:
        post_save.send(sender=type(page), instance=page, created=True, update_fields=None, raw=False, using=database)
    for page in pages:
        if page.live:
            page_published.send(sender=type(page), instance=page, revision=page.live_revision)
            published.send(sender=type(page), instance=page, revision=page.live_revision)


def write_related(model, pages):
    """Many-to-many rows and child rows (metrics, images…) held in memory by the new pages."""
    for field in get_all_child_m2m_relations(model):
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        links = [through(**{source: p.pk, target: item.pk}) for p in pages for item in getattr(p, field.name).all()]
        through.objects.bulk_create(links)
    for relation in get_all_child_relations(model):
        children = []
        for page in pages:
            for child in getattr(page, relation.get_accessor_name()).all():
                setattr(child, relation.field.attname, page.pk)
                children.append(child)
        relation.related_model.objects.bulk_create(children)


def revision(page, now):
    return Revision(
        content_type_id=page.content_type_id,
        base_content_type_id=page.get_base_content_type().pk,
        object_id=str(page.pk),
        created_at=now,
        content=page.serializable_data(),
        object_str=str(page),
        approved_go_live_at=None if page.live else page.go_live_at,
    )


def log_entries(page, now):
    rev = page.latest_revision
    entry = {"page_id": page.pk, "content_type_id": page.content_type_id, "revision": rev, "timestamp": now}
    entry["label"] = page.get_admin_display_title()
    yield PageLogEntry(action="wagtail.create", content_changed=True, data={}, **entry)
    if page.live:
        yield PageLogEntry(action="wagtail.publish", content_changed=True, data={}, **entry)
    else:
        when = {"created": now.isoformat(), "go_live_at": page.go_live_at.isoformat()}
        schedule = {"id": rev.pk, **when, "has_live_version": False}
        yield PageLogEntry(action="wagtail.publish.schedule", data={"revision": schedule}, **entry)
