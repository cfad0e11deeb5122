"""Write validated records: one transaction, idempotent by key, translations share a translation_key."""

import datetime
import hashlib
import html
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
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
from innoportal.slugs import short_slug

from .facts import ITEMS, ImportedFacts, as_date, facts_of
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
    held_back: list = field(default_factory=list)  # "line N: …" for changed records left alone

    def count(self, bucket, kind):
        bucket[kind] = bucket.get(kind, 0) + 1

    def __str__(self):
        def show(bucket):
            return ", ".join(f"{n} {kind}" for kind, n in bucket.items()) or "nothing"

        held = f"; {len(self.held_back)} held back" if self.held_back else ""
        return f"created {show(self.created)}; updated {show(self.updated)}; {self.unchanged} unchanged{held}"


def existing_keys():
    """(kind, key) of everything already in the catalogue, for validating references."""
    facts = {kind: ITEMS.get(kind, model) for kind, model in MODELS.items()}
    return {
        (kind, key)
        for kind, model in facts.items()
        for key in model.objects.order_by().values_list("key", flat=True).distinct()
    }


def digest(record):
    return hashlib.sha256(json.dumps(record.data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def paragraphs(text):
    """Plain text with blank lines between paragraphs, as rich text HTML."""
    blocks = [" ".join(p.split()) for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(p)}</p>" for p in blocks if p)


class KnownItems:
    """What the database holds of one kind, read in one query when the import first needs it and kept
    up to date as the import writes: a lookup per record would cost a query each, 100,000 of them."""

    def __init__(self, model):
        self.model = model
        self.rows = {}  # (key, locale_id) -> [pk, import_digest]
        self.translation_keys = {}  # key -> translation_key, shared by every language of an item
        self.pks = defaultdict(dict)  # key -> {locale_id: pk}
        key_path = "item__key" if hasattr(model, "item_model") else "key"  # a page's key is its item's
        for key, locale_id, pk, import_digest, translation_key in model.objects.values_list(
            key_path, "locale_id", "pk", "import_digest", "translation_key"
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
        self.new_pages = NewPages()
        self.facts = {}  # kind -> ImportedFacts
        self.default_locale = Locale.get_default()

    def known(self, kind):
        if kind not in self.known_items:
            self.known_items[kind] = KnownItems(MODELS[kind])
        return self.known_items[kind]

    def item_facts(self, kind):
        if kind not in self.facts:
            self.facts[kind] = ImportedFacts(kind)
        return self.facts[kind]

    def find_fact(self, kind, key):
        """What an item's facts point at: taxonomy in the default language (else its first version), or
        the facts of another item."""
        if kind in SNIPPETS:
            return self.find(kind, key, self.default_locale)
        return self.item_facts(kind).get(key).pk

    def write_facts(self, record, translation_key):
        facts, relations = facts_of(record.kind, record.data, self.find_fact)
        return self.item_facts(record.kind).write(record.key, translation_key, facts, relations)

    def locale(self, code):
        if code not in self.locales:
            self.locales[code] = Locale.objects.create(language_code=code)
        return self.locales[code]

    def find(self, kind, key, locale):
        """The pk of item `key` in `locale`, else of its version in any language (references fall back)."""
        return self.known(kind).find(key, locale.pk)

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
        for facts in self.facts.values():
            facts.write_new()
        for page in self.new_pages.pages():
            page.item = page.item  # the item was new: its pk is known now
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
            item.abbreviation = data.get("abbreviation", "")
            item.website = data.get("website", "")
            item.mou_signed = as_date(data.get("mou_signed"))
        item.import_digest = new_digest
        item.save()
        item.save_revision(log_action=True)
        self.result.count(self.result.created if created else self.result.updated, record.kind)
        return item

    def fill_page(self, record, page, locale, new_digest):
        """Set the page's text from the record and its item's facts; True when its publication date lies
        in the future."""
        page.item = self.write_facts(record, page.translation_key)
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
        page = model(locale=locale, translation_key=self.translation_key(record.kind, record.key))
        scheduled = self.fill_page(record, page, locale, new_digest)
        index = self.index(index_model, locale)
        page.slug = self.free_slug(index, record)
        self.new_pages.add(index, page, scheduled)
        return page

    def change_page(self, record, page, locale, new_digest):
        if held := held_back(page):
            self.result.held_back.append(f"line {record.line}: {record.kind} {record.key} ({record.locale}): {held}")
            return page
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
            english = PAGES[record.kind][0].objects.filter(item__key=record.key, locale__language_code="en")
            title = english.values_list("title", flat=True).first() or ""
        slug = (short_slug(title, 60) or slugify(record.key)) or uuid.uuid4().hex[:8]
        if slug in taken:
            slug = f"{short_slug(slug, 50)}-{slugify(record.key)}"
            # Rare: two keys that slugify alike, or a title ending like another page's key.
            base, n = slug, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    def fill_described(self, page, data, locale):
        page.body = paragraphs(data.get("body"))

    fill_wish = fill_solution = fill_described

    def fill_trial(self, page, data, locale):
        page.venue = data["venue"]
        report = data.get("report") or {}
        page.report_summary = report.get("summary", "")
        page.metrics = [
            TrialMetric(name=m["name"], value=str(m["value"]), unit=m.get("unit", ""), sort_order=n)
            for n, m in enumerate(report.get("metrics", []))
        ]


def held_back(page):
    """Why an import must not publish over this page, or "" when it may: an editor's unpublished draft,
    or a moderation workflow under way, is never overwritten or cancelled."""
    if page.workflow_in_progress:
        return "in a moderation workflow; left alone"
    latest = page.latest_revision
    if page.has_unpublished_changes and latest is not None and latest.user_id is not None:
        return f"has a draft by {latest.user} that is not published; left alone"
    return ""


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
