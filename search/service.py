"""The one search service: the search page, /api/search/, autocomplete and the kiosk all call `search`.

A request names the words, the language, optional filters (several values of one facet widen the
search, different facets narrow it), an order and a page. Results come in the request's language;
an item without a version in it appears in another language, marked `translated=False`. Facet counts
for one facet ignore that facet's own filter, so people can see what choosing another value gives.
"""

import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from wagtail.models import Page

from innoportal.languages import content_language
from search import backends
from search.fallbacks import WEAK, Partial, improve
from search.snippets import snippet
from search.synonyms import dictionary
from search.text import parse

PER_PAGE = 10
ORDERS = ("relevance", "date")


@dataclass
class SearchRequest:
    text: str = ""
    lang: str = settings.LANGUAGE_CODE
    filters: dict = field(default_factory=dict)  # facet -> tuple of values
    order: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    facets: bool = True  # autocomplete needs none
    exact: bool = False  # the words as typed: no correction, no results for some of the words (fallbacks)

    def selected(self, facet):
        return tuple(self.filters.get(facet, ()))


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    url: str
    locale: str
    translated: bool
    snippet: str
    published: object
    page_id: int


@dataclass
class SearchResults:
    request: SearchRequest
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # facet -> {value: count}, most first
    corrected: str = ""  # the query searched instead of the one typed (a correction of its spelling)
    suggestion: str = ""  # "did you mean": a correction that finds more
    partial: Partial = None  # results for some of the words, after the full matches

    @property
    def pages(self):
        return math.ceil(self.total / self.request.per_page) if self.total else 0


def search(request, http_request=None):
    """Run a SearchRequest; `http_request` (optional) makes URLs relative to its site."""
    synonyms = dictionary()
    query = parse(request.text, synonyms)
    results = SearchResults(request)
    if not query:
        return results
    engine = backends.engine()
    request = replace(request, lang=content_language(request.lang))  # zh-hans shows the zh-hant documents
    found = engine.search(query, request)
    if not request.exact and found.total < WEAK:
        outcome = improve(engine, query, request, found, synonyms)
        query, found = outcome.query, outcome.found
        results.corrected, results.suggestion = outcome.corrected, outcome.suggestion
        if outcome.partial_found:
            partial = outcome.partial_found
            hits = _hits(partial.documents, outcome.partial_query, http_request)
            results.partial = Partial(partial.total, hits, outcome.missing)
    results.total, results.facets = found.total, found.facets
    results.hits = _hits(found.documents, query, http_request)
    return results


def suggest(text, lang, limit=8, http_request=None):
    """Autocomplete: the best titles for what has been typed so far (the last word is a prefix)."""
    return search(SearchRequest(text=text, lang=lang, per_page=limit, facets=False, exact=True), http_request).hits


def _hits(documents, query, http_request):
    pages = Page.objects.filter(id__in=[doc.page_id for doc in documents]).select_related("locale")
    urls = {page.id: page.get_url(request=http_request) for page in pages}
    return [
        Hit(
            key=doc.key,
            kind=doc.kind,
            title=doc.title,
            url=urls.get(doc.page_id, ""),
            locale=doc.locale,
            translated=doc.translated,
            snippet=snippet((doc.summary, doc.body), query),
            published=doc.published,
            page_id=doc.page_id,
        )
        for doc in documents
    ]
