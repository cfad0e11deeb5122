"""Write validated records: one transaction, idempotent by key, translations share a translation_key."""

import datetime
import hashlib
import html
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from catalogue.models import (
    Organisation,
    SolutionIndexPage,
    SolutionPage,
    TechnologyCategory,
    TrialIndexPage,
    TrialMetric,
    TrialPage,
    WishIndexPage,
    WishPage,
)

from .indexing import bulk_indexing, deferred_reference_index
from .pages import BATCH, NewPages
from .schema import KIND_ORDER, ImportFileError

SNIPPETS = {"category": TechnologyCategory, "organisation": Organisation}
PAGES = {
    "wish": (WishPage, WishIndexPage),
    "solution": (SolutionPage, SolutionIndexPage),
    "trial": (TrialPage, TrialIndexPage),
}
MODELS = SNIPPETS | {kind: model for kind, (model, _index) in PAGES.items()}
KINDS = {model: kind for kind, model in MODELS.items()}


@dataclass
class ImportResult:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    unchanged: int = 0

    def count(self, bucket, kind):
        bucket[kind] = bucket.get(kind, 0) + 1

    def __str__(self):
        def show(bucket):
            return ", ".join(f"{n} {kind}" for kind, n in bucket.items()) or "nothing"

        return f"created {show(self.created)}; updated {show(self.updated)}; {self.unchanged} unchanged"


def existing_keys():
    """(kind, key) of everything already in the catalogue, for validating references."""
    return {
        (kind, key)
        for kind, model in MODELS.items()
        for key in model.objects.order_by().values_list("key", flat=True).distinct()
    }


def digest(record):
    return hashlib.sha256(json.dumps(record.data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def paragraphs(text):
    """Plain text with blank lines between paragraphs, as rich text HTML."""
    blocks = [" ".join(p.split()) for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(p)}</p>" for p in blocks if p)


def as_date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


class KnownItems:
    """What the database holds of one kind, read in one query when the import first needs it and kept
    up to date as the import writes: a lookup per record would cost a query each, 100,000 of them."""

    def __init__(self, model):
        self.model = model
        self.rows = {}  # (key, locale_id) -> [pk, import_digest]
        self.translation_keys = {}  # key -> translation_key, shared by every language of an item
        self.pks = defaultdict(dict)  # key -> {locale_id: pk}
        for key, locale_id, pk, import_digest, translation_key in model.objects.values_list(
            "key", "locale_id", "pk", "import_digest", "translation_key"
        ).order_by("pk"):
            self.remember(key, locale_id, pk, import_digest, translation_key)

    def remember(self, key, locale_id, pk, import_digest, translation_key):
        self.rows[key, locale_id] = [pk, import_digest]
        self.translation_keys.setdefault(key, translation_key)
        self.pks[key].setdefault(locale_id, pk)

    def find(self, key, locale_id):
        """The pk of `key` in the locale, else of its first version in any language (as `find`)."""
        versions = self.pks.get(key)
        if not versions:
            return None
        return versions.get(locale_id) or min(versions.values())


class Loader:
    def __init__(self, progress=None):
        self.result = ImportResult()
        self.progress = progress or (lambda: None)
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.indexes = {}
        self.known_items = {}  # kind -> KnownItems
        self.slugs = {}  # index page pk -> slugs of its children
        self.english_titles = {}  # (kind, key) -> English title, for the slugs of translations
        self.instances = {}  # (model, pk) -> instance, for many-to-many references to taxonomy
        self.new_pages = NewPages()

    def known(self, kind):
        if kind not in self.known_items:
            self.known_items[kind] = KnownItems(MODELS[kind])
        return self.known_items[kind]

    def locale(self, code):
        if code not in self.locales:
            self.locales[code] = Locale.objects.create(language_code=code)
        return self.locales[code]

    def find(self, kind, key, locale):
        """The pk of item `key` in `locale`, else of its version in any language (references fall back)."""
        return self.known(kind).find(key, locale.pk)

    def find_all(self, kind, keys, locale):
        """Instances for a many-to-many field: taxonomy is cached, pages are read in one query."""
        model = MODELS[kind]
        pks = [self.find(kind, key, locale) for key in keys]
        if kind in SNIPPETS:
            missing = [pk for pk in pks if (model, pk) not in self.instances]
            if missing:
                self.instances |= {(model, pk): item for pk, item in model.objects.in_bulk(missing).items()}
            return [self.instances[model, pk] for pk in pks]
        found = model.objects.in_bulk(pks)
        return [found[pk] for pk in pks]

    def load(self, record):
        model = MODELS[record.kind]
        locale = self.locale(record.locale)
        known = self.known(record.kind)
        if len(self.new_pages) >= BATCH:
            self.write_new_pages()
        if record.locale == "en" and record.kind in PAGES:
            self.english_titles[record.kind, record.key] = record.data["title"]
        new_digest = digest(record)
        pk, old_digest = known.rows.get((record.key, locale.pk), (None, None))
        if pk is not None and old_digest == new_digest:
            self.result.unchanged += 1
        elif record.kind in PAGES and pk is None:
            page = self.new_page(record, locale, new_digest)
            known.translation_keys.setdefault(record.key, page.translation_key)  # for its translations
        else:
            current = model.objects.get(pk=pk) if pk is not None else None
            if record.kind in SNIPPETS:
                item = self.load_snippet(record, model, current, locale, new_digest)
            else:
                item = self.change_page(record, current, locale, new_digest)
            known.remember(record.key, locale.pk, item.pk, new_digest, item.translation_key)
        self.progress()

    def write_new_pages(self):
        for page in self.new_pages.write():
            kind = KINDS[type(page)]
            self.known(kind).remember(page.key, page.locale_id, page.pk, page.import_digest, page.translation_key)
            self.result.count(self.result.created, kind)

    def translation_key(self, kind, key):
        return self.known(kind).translation_keys.get(key) or uuid.uuid4()

    def load_snippet(self, record, model, item, locale, new_digest):
        data = record.data
        created = item is None
        if created:
            item = model(key=record.key, locale=locale, translation_key=self.translation_key(record.kind, record.key))
        item.name = data["name"]
        item.description = data.get("description", "")
        if record.kind == "organisation":
            item.type = data["type"]
            item.website = data.get("website", "")
            item.mou_signed = as_date(data.get("mou_signed"))
        item.import_digest = new_digest
        item.save()
        item.save_revision(log_action=True)
        self.instances.pop((model, item.pk), None)  # a changed name must not come from the cache
        self.result.count(self.result.created if created else self.result.updated, record.kind)
        return item

    def fill_page(self, record, page, locale, new_digest):
        """Set the page's fields from the record; True when its publication date lies in the future."""
        getattr(self, f"fill_{record.kind}")(page, record.data, locale)
        page.title = record.data["title"]
        page.summary = record.data["summary"]
        page.import_digest = new_digest
        published = as_date(record.data.get("published"))
        if published and published > timezone.localdate():
            # A future publication date schedules the page instead of publishing it now.
            page.go_live_at = timezone.make_aware(datetime.datetime.combine(published, datetime.time()))
            return True
        return False

    def new_page(self, record, locale, new_digest):
        """A new page waits to be written in bulk with the others of its kind (pages.NewPages)."""
        model, index_model = PAGES[record.kind]
        page = model(key=record.key, locale=locale, translation_key=self.translation_key(record.kind, record.key))
        scheduled = self.fill_page(record, page, locale, new_digest)
        index = self.index(index_model, locale)
        page.slug = self.free_slug(index, record)
        self.new_pages.add(index, page, scheduled)
        return page

    def change_page(self, record, page, locale, new_digest):
        scheduled = self.fill_page(record, page, locale, new_digest)
        # publish() saves the page live with full validation straight after this revision, so validating
        # here too would only repeat it. A scheduled page is not saved live, so it is validated here.
        page.save_revision(log_action=True, clean=scheduled).publish()
        self.result.count(self.result.updated, record.kind)
        return page

    def index(self, index_model, locale):
        if (index_model, locale.pk) not in self.indexes:
            index = index_model.objects.filter(locale=locale).first()
            if index is None:
                raise ImportFileError(
                    [
                        f"no {index_model._meta.verbose_name} in {locale.language_code}: "
                        "create the site structure first (manage.py load_demo_content --structure-only)"
                    ]
                )
            self.indexes[index_model, locale.pk] = index
        return self.indexes[index_model, locale.pk]

    def free_slug(self, index, record):
        """A slug from the English title when there is one, else the key; unique among siblings.

        The siblings' slugs are read once per index and kept: checking each new page with a query
        would cost one query per record.
        """
        if index.pk not in self.slugs:
            self.slugs[index.pk] = set(index.get_children().values_list("slug", flat=True))
        taken = self.slugs[index.pk]
        title = self.english_titles.get((record.kind, record.key))
        if title is None:  # the English version is not in this file: it may be in the database
            english = PAGES[record.kind][0].objects.filter(key=record.key, locale__language_code="en")
            title = english.values_list("title", flat=True).first() or ""
        slug = (slugify(title)[:60].strip("-") or slugify(record.key)) or uuid.uuid4().hex[:8]
        if slug in taken:
            slug = f"{slug[:50]}-{slugify(record.key)}"
            # Rare: two keys that slugify alike, or a title ending like another page's key.
            base, n = slug, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    def fill_described(self, page, data, locale):
        page.body = paragraphs(data.get("body"))
        page.published_on = as_date(data["published"])
        page.organisation_id = self.find("organisation", data["organisation"], locale)
        page.categories = self.find_all("category", data["categories"], locale)

    def fill_wish(self, page, data, locale):
        self.fill_described(page, data, locale)
        page.status = data["status"]
        page.deadline = as_date(data.get("deadline"))

    def fill_solution(self, page, data, locale):
        self.fill_described(page, data, locale)
        page.trl = data.get("trl")
        page.applicable_to = self.find_all("wish", data.get("applicable_to", []), locale)

    def fill_trial(self, page, data, locale):
        page.wish_id = self.find("wish", data["wish"], locale)
        page.solution_id = self.find("solution", data["solution"], locale)
        page.trial_type = data["trial_type"]
        page.venue = data["venue"]
        page.status = data["status"]
        page.start_date = as_date(data.get("start"))
        page.end_date = as_date(data.get("end"))
        value = data.get("value_hkd")
        page.value_hkd = Decimal(str(value)) if value is not None else None
        report = data.get("report") or {}
        page.report_summary = report.get("summary", "")
        page.metrics = [
            TrialMetric(name=m["name"], value=str(m["value"]), unit=m.get("unit", ""), sort_order=n)
            for n, m in enumerate(report.get("metrics", []))
        ]


def import_records(records, progress=None):
    """Write validated records in one transaction; nothing is written if any of them fails."""
    loader = Loader(progress)
    ordered = sorted(records, key=lambda r: (KIND_ORDER.index(r.kind), r.locale != "en", r.line))
    with transaction.atomic(), bulk_indexing(), deferred_reference_index():
        for _kind, records_of_kind in groupby(ordered, key=lambda r: r.kind):
            for record in records_of_kind:
                loader.load(record)
            loader.write_new_pages()  # before the next kind, whose records refer to these pages
    return loader.result
