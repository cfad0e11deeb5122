"""One search document per live page of a registered kind, in the page's language.

Documents flatten what the search needs (text, facets, URL) so that one query answers the search
page, the JSON endpoint and autocomplete without touching the page tree. The full-text index beside
them belongs to the database backend (see search/fulltext.py); on Elasticsearch, Wagtail's backend
indexes these documents instead.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from modelsearch import index

from search.text import simplified


class SearchDocument(index.Indexed, models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=32)
    # The language of the page, and the language whose search shows it: the same, or another
    # language that the item has no live version in (the result is then labelled untranslated).
    locale = models.CharField(max_length=16)
    shown_in = models.CharField(max_length=16)
    translation_key = models.UUIDField(db_index=True)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Words it is found by that it need not show (its organisations' names and abbreviations in every
    # language): indexed with the summary.
    keywords = models.TextField(blank=True)
    # The same texts as the full-text index sees them (search.text.index_terms).
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    status = models.CharField(max_length=32, blank=True)
    organisation_type = models.CharField(max_length=32, blank=True)
    published = models.DateField(null=True, blank=True)

    search_fields = []  # Elasticsearch only: see search.elasticsearch.enable_document_indexing
    # search.documents keeps the engine's index in step, in batches and beside the live index while
    # rebuilding; Wagtail's save/delete handlers would also remove each deleted document from the live
    # index at once (a rebuild deletes them all first), and add each saved one a second time.
    search_auto_update = False

    class Meta:
        indexes = [models.Index(fields=["shown_in", "kind"])]
        constraints = [models.UniqueConstraint(fields=["page", "shown_in"], name="unique_document_per_language")]

    @property
    def translated(self):
        return self.locale == self.shown_in

    def __str__(self):
        return f"{self.key} ({self.locale}): {self.title}"

    # What Elasticsearch indexes: Simplified text, which its cjk analyzer cuts into bigrams.
    def title_simplified(self):
        return simplified(self.title)

    def summary_simplified(self):
        return simplified(f"{self.summary} {self.keywords}")

    def body_simplified(self):
        return simplified(self.body)

    def category_keys(self):
        return [c.key for c in self.categories.all()]


class FacetCombination(models.Model):
    """A combination of facet values that documents have (some thousands among 100,000 documents):
    PostgreSQL's full-text entries point at one, so a search counts its candidates per combination by
    one small integer."""

    kind = models.CharField(max_length=32)
    status = models.CharField(max_length=32, blank=True)
    organisation_type = models.CharField(max_length=32, blank=True)
    categories = models.TextField(blank=True)  # keys in order, separated by spaces

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "status", "organisation_type", "categories"], name="unique_facet_combination"
            )
        ]

    def __str__(self):
        return " ".join(filter(None, [self.kind, self.status, self.organisation_type, self.categories]))


class FullTextEntry(models.Model):
    """PostgreSQL's full-text index of a document: a narrow row (language, date, facet combination and
    two tsvectors) so that a query matching thousands of documents reads little. Unused on SQLite
    (FTS5 holds the index)."""

    document = models.OneToOneField(SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="+")
    shown_in = models.CharField(max_length=16)
    published = models.DateField(null=True)
    facets = models.ForeignKey(FacetCombination, on_delete=models.PROTECT, db_index=False, related_name="+")
    headline = SearchVectorField(null=True)  # title and summary: ranks
    fulltext = SearchVectorField(null=True)  # everything: matches

    def __str__(self):
        return str(self.document_id)


class DocumentCategory(models.Model):
    """A technology category of a document (an item may have several): filters and facet counts."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="categories")
    key = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "key"], name="unique_document_category")]
        indexes = [models.Index(fields=["key", "document"])]

    def __str__(self):
        return self.key
