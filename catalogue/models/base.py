"""What wishes, solutions and trials have in common: one language's text of an item whose facts are shared.

Each page holds the text of one language (title, summary, body…) and points at its item's facts
(`catalogue.models.items`) through `item`. The facts read like the page's own attributes
(`page.status`, `page.published_on`, `page.organisation`…), so templates need not know where they live.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .taxonomy import Organisation, TechnologyCategory


def fact(name):
    """A page attribute that reads the item's fact `name` (or the value an editor is saving)."""
    return property(lambda page: page.read_fact(name))


TEXT_FIELDS = ["title", "slug", "seo_title", "search_description", "summary"]


class CatalogueItemPage(Page):
    """A page that is one language's text of a catalogue item; `item` (set by subclasses) holds its facts."""

    summary = models.TextField(_("summary"), max_length=600)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    key = fact("key")
    serve_related = ["item"]  # read with the page when it is served (innoportal.routing)

    search_fields = Page.search_fields + [index.SearchField("summary", boost=2)]
    api_fields = [
        APIField("key", serializer=serializers.CharField(source="item.key")),
        APIField("number", serializer=serializers.CharField(source="item.number")),
        APIField("summary"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def item_model(cls):
        return cls._meta.get_field("item").related_model

    @classmethod
    def translatable_fields_with(cls, text=(), synchronised=()):
        """wagtail-localize: text is translated; the facts and media are the same in every language,
        and the facts record is never offered to translators (it is not overridable)."""
        return (
            [TranslatableField(name) for name in TEXT_FIELDS + list(text)]
            + [SynchronizedField("item", overridable=False)]
            + [SynchronizedField(name) for name in synchronised]
        )

    def read_fact(self, name):
        pending = self.__dict__.get("_pending_facts", {})
        if name in pending:
            return pending[name]
        if not self.item_id:
            return None
        value = getattr(self.item, name)
        return value.all() if is_many(self.item_model(), name) else value

    def fact_label(self, name):
        """The label of a fact with choices (status, trial type), in the active language."""
        choices = self.item_model()._meta.get_field(name).flatchoices
        return dict(choices).get(self.read_fact(name), "")

    def set_facts(self, **facts):
        """Facts to write to the item when this page is next saved (the admin form and tests use it)."""
        self.__dict__.setdefault("_pending_facts", {}).update(facts)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            item_before = self.item_id
            self.write_facts()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and self.item_id != item_before:
                kwargs["update_fields"] = list(update_fields) + ["item"]
            return super().save(*args, **kwargs)

    def write_facts(self):
        model = self.item_model()
        pending = self.__dict__.pop("_pending_facts", {})
        item = self.item if self.item_id else model.objects.filter(translation_key=self.translation_key).first()
        if item is not None and item.translation_key != self.translation_key:
            # A copy of another item's page (the admin's "Copy"): a new item with the same facts.
            pending = {**copy_facts(item), **pending, "key": pending.get("key") or model.new_key()}
            item = None
        if item is None:
            item = model(translation_key=self.translation_key)
        if not pending and item.pk:
            self.item = item
            return
        relations = {name: pending.pop(name) for name in list(pending) if is_many(model, name)}
        for name, value in pending.items():
            setattr(item, name, value)
        if not item.key:
            item.key = model.new_key()
        item.full_clean(exclude=["translation_key", *relations])
        item.save()
        for name, value in relations.items():
            getattr(item, name).set(value)
        self.item = item

    def with_content_json(self, content):
        # A page's item never changes: a revision saved before the facts moved out of the pages (or any
        # other) restores the text only.
        page = super().with_content_json(content)
        page.item_id = self.item_id
        return page

    def full_clean(self, *args, **kwargs):
        # The facts are validated by write_facts when the page is saved; the admin form has checked them.
        exclude = set(kwargs.pop("exclude", None) or [])
        if not self.item_id:
            exclude.add("item")
        super().full_clean(*args, exclude=exclude, **kwargs)


def name_organisations(pages):
    """Ready each listed wish's or solution's organisation in the page's language: one query per
    language for the whole list, not one per page."""
    by_locale = {}
    for page in pages:
        organisation = page.read_fact("organisation") if isinstance(page, DescribedItemPage) else None
        if organisation is not None:
            by_locale.setdefault(page.locale_id, []).append(organisation)
    for locale_id, organisations in by_locale.items():
        Organisation.prefetch_versions(organisations, locale_id)
    return pages


def is_many(model, name):
    return model._meta.get_field(name).many_to_many


def copy_facts(item):
    facts = {}
    for field in item._meta.get_fields():
        if field.name in ("id", "key", "number", "translation_key", "updated_at") or field.auto_created:
            continue
        if field.many_to_many:
            facts[field.name] = list(getattr(item, field.name).all())
        elif field.concrete:
            facts[field.attname] = getattr(item, field.attname)
    return facts


class DescribedItemPage(CatalogueItemPage):
    """Wishes and solutions: a body, and facts with an organisation, categories and a publication date."""

    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    published_on = fact("published_on")
    serve_related = ["item__organisation"]

    search_fields = CatalogueItemPage.search_fields + [index.SearchField("body")]
    api_fields = CatalogueItemPage.api_fields + [
        APIField("body"),
        APIField("published_on", serializer=serializers.DateField(source="item.published_on")),
        APIField("organisation", serializer=serializers.CharField(source="organisation.name")),
        APIField("organisation_key", serializer=serializers.CharField(source="item.organisation.key")),
        APIField(
            "categories",
            serializer=serializers.SlugRelatedField(
                source="item.categories", many=True, read_only=True, slug_field="key"
            ),
        ),
    ]

    class Meta:
        abstract = True

    @property
    def organisation(self):
        organisation = self.read_fact("organisation")
        return organisation.in_locale(self.locale_id) if organisation else None

    def category_list(self):
        """The item's categories, named in this page's language (their names read in one query)."""
        categories = list(self.read_fact("categories") or [])
        TechnologyCategory.prefetch_versions(categories, self.locale_id)
        return sorted((c.in_locale(self.locale_id) for c in categories), key=lambda c: c.name)

    def cards(self):
        """The related wishes or solutions the page shows as cards (subclasses), read once, their
        organisations named in this language with the page's own in one query."""
        return name_organisations([self])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.cards()  # before the template names the page's organisation
        return context
