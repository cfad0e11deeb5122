"""What wishes, solutions and trials have in common: a catalogue key, a summary, categories."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class CatalogueItemPage(Page):
    """A page that is one item of the catalogue, identified across languages by its `key`."""

    key_prefix = "X"

    key = models.CharField(
        _("catalogue key"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Stable identity used by imports and the search API; made for you when left blank."),
    )
    summary = models.TextField(_("summary"), max_length=600)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.FilterField("key"),
    ]

    api_fields = [APIField("key"), APIField("summary")]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        if not self.key:
            self.key = f"{self.key_prefix}-{uuid.uuid4().hex[:8].upper()}"
        super().full_clean(*args, **kwargs)


class DescribedItemPage(CatalogueItemPage):
    """Wishes and solutions: a body, an organisation, categories and a publication date."""

    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    published_on = models.DateField(_("published on"))

    search_fields = CatalogueItemPage.search_fields + [
        index.SearchField("body"),
        index.FilterField("published_on"),
        index.FilterField("organisation_id"),
    ]
    api_fields = CatalogueItemPage.api_fields + [
        APIField("body"),
        APIField("published_on"),
        APIField("organisation", serializer=serializers.CharField(source="organisation.name")),
        APIField("organisation_key", serializer=serializers.CharField(source="organisation.key")),
        APIField("categories", serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="key")),
    ]

    class Meta:
        abstract = True

    def category_list(self):
        return list(self.categories.all())
