"""Write validated records: one transaction, idempotent by key, translations share a translation_key."""

import datetime
import hashlib
import html
import json
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

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

from .indexing import bulk_indexing
from .schema import KIND_ORDER, ImportFileError

SNIPPETS = {"category": TechnologyCategory, "organisation": Organisation}
PAGES = {
    "wish": (WishPage, WishIndexPage),
    "solution": (SolutionPage, SolutionIndexPage),
    "trial": (TrialPage, TrialIndexPage),
}
MODELS = SNIPPETS | {kind: model for kind, (model, _index) in PAGES.items()}


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
    return {(kind, key) for kind, model in MODELS.items() for key in model.objects.values_list("key", flat=True)}


def digest(record):
    return hashlib.sha256(json.dumps(record.data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def paragraphs(text):
    """Plain text with blank lines between paragraphs, as rich text HTML."""
    blocks = [" ".join(p.split()) for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(p)}</p>" for p in blocks if p)


def as_date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


class Loader:
    def __init__(self, progress=None):
        self.result = ImportResult()
        self.progress = progress or (lambda: None)
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.indexes = {}

    def locale(self, code):
        if code not in self.locales:
            self.locales[code] = Locale.objects.create(language_code=code)
        return self.locales[code]

    def find(self, kind, key, locale):
        """The item `key` in `locale`, else its version in any language (references fall back)."""
        items = MODELS[kind].objects.filter(key=key)
        return items.filter(locale=locale).first() or items.order_by("pk").first()

    def translation_key(self, kind, key):
        sibling = MODELS[kind].objects.filter(key=key).only("translation_key").first()
        return sibling.translation_key if sibling else uuid.uuid4()

    def load(self, record):
        model = MODELS[record.kind]
        locale = self.locale(record.locale)
        current = model.objects.filter(key=record.key, locale=locale).first()
        new_digest = digest(record)
        if current and current.import_digest == new_digest:
            self.result.unchanged += 1
        elif record.kind in SNIPPETS:
            self.load_snippet(record, model, current, locale, new_digest)
        else:
            self.load_page(record, current, locale, new_digest)
        self.progress()

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
        self.result.count(self.result.created if created else self.result.updated, record.kind)

    def load_page(self, record, page, locale, new_digest):
        model, index_model = PAGES[record.kind]
        created = page is None
        if created:
            page = model(key=record.key, locale=locale, translation_key=self.translation_key(record.kind, record.key))
        getattr(self, f"fill_{record.kind}")(page, record.data, locale)
        page.title = record.data["title"]
        page.summary = record.data["summary"]
        page.import_digest = new_digest
        if created:
            page.slug = self.free_slug(self.index(index_model, locale), record)
            page.live = False
            self.index(index_model, locale).add_child(instance=page)
        published = as_date(record.data.get("published"))
        if published and published > timezone.localdate():
            # A future publication date schedules the page instead of publishing it now.
            page.go_live_at = timezone.make_aware(datetime.datetime.combine(published, datetime.time()))
        page.save_revision(log_action=True).publish()
        self.result.count(self.result.created if created else self.result.updated, record.kind)

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
        """A slug from the English title when there is one, else the key; unique among siblings."""
        english = PAGES[record.kind][0].objects.filter(key=record.key, locale__language_code="en").first()
        title = record.data["title"] if record.locale == "en" else (english.title if english else "")
        slug = (slugify(title)[:60].strip("-") or slugify(record.key)) or uuid.uuid4().hex[:8]
        siblings = index.get_children()
        if siblings.filter(slug=slug).exists():
            slug = f"{slug[:50]}-{slugify(record.key)}"
        return slug

    def fill_described(self, page, data, locale):
        page.body = paragraphs(data.get("body"))
        page.published_on = as_date(data["published"])
        page.organisation = self.find("organisation", data["organisation"], locale)
        page.categories = [self.find("category", key, locale) for key in data["categories"]]

    def fill_wish(self, page, data, locale):
        self.fill_described(page, data, locale)
        page.status = data["status"]
        page.deadline = as_date(data.get("deadline"))

    def fill_solution(self, page, data, locale):
        self.fill_described(page, data, locale)
        page.trl = data.get("trl")
        page.applicable_to = [self.find("wish", key, locale) for key in data.get("applicable_to", [])]

    def fill_trial(self, page, data, locale):
        page.wish = self.find("wish", data["wish"], locale)
        page.solution = self.find("solution", data["solution"], locale)
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
    with transaction.atomic(), bulk_indexing():
        for record in ordered:
            loader.load(record)
    return loader.result
