"""One search document per live page of a registered kind, in the page's language.

Documents flatten what the search needs (text, facets, URL) so that one query answers the search
page, the JSON endpoint and autocomplete without touching the page tree. The full-text index beside
them belongs to the database backend (see search/fulltext.py); on Elasticsearch, Wagtail's backend
indexes these documents instead.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from search.text import HAN_RUN, folded, simplified, split_terms


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


class SynonymSet(models.Model):
    """Words that mean the same thing to people searching: a Hong Kong, a Mainland and a Taiwan word,
    British and American spellings, an abbreviation and its full form. A query with any of them finds
    text with any other (search.synonyms). Editors keep them in the CMS; search/data/synonyms.jsonl
    holds the sets the portal ships with."""

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional vocabulary (Hong Kong, Mainland, Taiwan)")
        SPELLING = "spelling", _("British and American spelling")
        ABBREVIATION = "abbreviation", _("Abbreviation and full form")
        EQUIVALENT = "equivalent", _("Other equivalent terms")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.EQUIVALENT)
    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Two or more words or phrases that mean the same, one per line (or separated by commas), in any "
            "language and in Traditional or Simplified characters. A Chinese term needs two or more characters."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Where each term is used."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonyms")
        ordering = ["kind", "id"]

    def __str__(self):
        return " · ".join(self.term_list())

    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        """At least two terms; no lone Chinese character (it would match far too much); no term that
        another set has (a word would then have two meanings)."""
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("Give at least two terms that mean the same.")})
        single = [term for term in terms if HAN_RUN.fullmatch(term) and len(term) == 1]
        if single:
            raise ValidationError({"terms": _("A Chinese term needs two or more characters: %s") % single[0]})
        mine = set(map(folded, terms))
        for other in SynonymSet.objects.exclude(pk=self.pk):
            shared = mine & set(map(folded, other.term_list()))
            if shared:
                raise ValidationError(
                    {"terms": _("“%(term)s” is already in the set “%(set)s”.") % {"term": shared.pop(), "set": other}}
                )


class SearchWord(models.Model):
    """The index's vocabulary for "did you mean": each word (letters only, lower case, three or more)
    of the search documents' text, with the number of documents that have it (search.corrections)."""

    word = models.CharField(max_length=64, unique=True)
    documents = models.IntegerField(default=0)

    def __str__(self):
        return self.word
