"""Search on Elasticsearch 8 (ELASTICSEARCH_URL) or OpenSearch 2 (OPENSEARCH_URL): the same documents
and the same behaviour; only the client differs.

Wagtail's Elasticsearch 8 or OpenSearch 2 backend indexes the search documents. Their text is indexed in Simplified
form, so Simplified and Traditional queries meet, with an analyzer built from the `cjk` analyzer's
parts (CJK width folding, lower case, Han bigrams) plus English stemming. Queries, filters and facet
counts are built with elasticsearch-dsl; facet counts use filter aggregations that leave out the
facet's own filter, as on the database.
"""

import contextlib
import functools
import logging

from django.db import transaction
from elasticsearch_dsl import Q, Search
from modelsearch import index
from modelsearch.backends import get_search_backend

from search.backends import SearchUnavailable
from search.database import Found
from search.elasticsearch_errors import ENGINE_ERRORS
from search.elasticsearch_settings import ANALYZER
from search.models import SearchDocument
from search.registry import FACETS
from search.text import NEAR_GAP

logger = logging.getLogger(__name__)

TEXT_FIELDS = ["title_simplified^10", "summary_simplified^4", "body_simplified"]
FILTER_FIELDS = {
    "kind": "kind_filter",
    "category": "category_keys_filter",
    "status": "status_filter",
    "organisation_type": "organisation_type_filter",
}


def document_search_fields():
    text = {"analyzer": ANALYZER}
    return [
        index.SearchField("title_simplified", boost=10, es_extra=text),
        index.SearchField("summary_simplified", boost=4, es_extra=text),
        index.SearchField("body_simplified", es_extra=text),
        index.FilterField("shown_in"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("organisation_type"),
        index.FilterField("published"),
        index.FilterField("category_keys"),
    ]


def enable_document_indexing():
    """Called at start-up when Elasticsearch is the backend: Wagtail then indexes the documents."""
    SearchDocument.search_fields = document_search_fields()


def _term_query(term):
    kinds = {"prefix": "phrase_prefix", "phrase": "phrase", "near": "phrase", "han": "phrase"}
    kind = kinds.get(term.kind, "best_fields")
    options = {"operator": "and"} if kind == "best_fields" else {"slop": NEAR_GAP} if term.kind == "near" else {}
    return Q("multi_match", query=term.text, fields=TEXT_FIELDS, type=kind, **options)


def _match(query):
    """Every group (or at least `required` of them), each by any alternative, each with all its terms."""

    def either(parts):
        return parts[0] if len(parts) == 1 else Q("bool", should=parts, minimum_should_match=1)

    def all_of(parts):
        return parts[0] if len(parts) == 1 else Q("bool", must=parts)

    groups = [
        either([all_of([_term_query(t) for t in alternative]) for alternative in group.alternatives])
        for group in query.groups
    ]
    if query.relaxed:
        return [Q("bool", should=groups, minimum_should_match=query.required)]
    return groups


def _facet_filters(request, without=None):
    filters = []
    for facet, field in FILTER_FIELDS.items():
        values = request.selected(facet)
        if values and facet != without:
            filters.append(Q("terms", **{field: list(values)}))
    return filters


def build(query, request, index_name):
    """The request body: matching documents in the language, one page of them, and facet counts."""
    search = Search(index=index_name).query(
        Q("bool", must=_match(query), filter=[Q("term", shown_in_filter=request.lang)])
    )
    # Facet filters narrow the hits but not the facet counts, which each apply all the others.
    chosen = _facet_filters(request)
    if chosen:
        search = search.post_filter(Q("bool", filter=chosen))
    if request.facets:
        for facet, field in FILTER_FIELDS.items():
            others = _facet_filters(request, without=facet)
            others = Q("bool", filter=others) if others else Q("match_all")
            search.aggs.bucket(facet, "filter", filter=others).bucket("values", "terms", field=field, size=100)
    if request.order == "date":
        search = search.sort({"published_filter": {"order": "desc", "missing": "_last"}}, "_score")
    start = (request.page - 1) * request.per_page
    return search.extra(track_total_hits=True, _source=False)[start : start + request.per_page].to_dict()


def unavailable(error, doing):
    logger.exception("The search engine failed in %s", doing)
    return SearchUnavailable(str(error))


def engine_errors_as_unavailable(method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except ENGINE_ERRORS as error:
            raise unavailable(error, method.__name__) from error

    return wrapper


class ElasticsearchSearch:
    def __init__(self):
        self.backend = get_search_backend()
        self.index = self.backend.get_index_for_model(SearchDocument)

    def ensure_index(self):
        if not self.index.exists():
            self.clear()

    @engine_errors_as_unavailable
    def write(self, ids):
        self.ensure_index()
        documents = SearchDocument.objects.filter(id__in=ids).prefetch_related("categories")
        self.index.add_items(SearchDocument, list(documents))
        self.index.refresh()  # searchable at once, as on the database

    @engine_errors_as_unavailable
    def delete(self, ids):
        for document_id in ids:
            with contextlib.suppress(self.backend.NotFoundError):  # already gone
                self.backend.es.delete(index=self.index.name, id=str(document_id))

    def clear(self):
        """An empty index in place of the live one (tests start from it): a rebuild with no documents."""
        with self.rebuilding(in_transaction=False):
            pass

    @contextlib.contextmanager
    def rebuilding(self, in_transaction=True):
        """A rebuild beside the live index. The live name is an alias: documents go to a new index
        (with the settings and the documents' mapping, which the engine would otherwise guess from
        the first documents), and the alias switches to it once the database has committed them.
        Searches answer from the old index throughout; a failed rebuild drops the new one."""
        live = self.index
        rebuilder = self.backend.atomic_rebuilder_class(live)
        try:
            self.index = rebuilder.start()
            self.index.add_model(SearchDocument)
            with transaction.atomic() if in_transaction else contextlib.nullcontext():
                yield self
            rebuilder.finish()
        except BaseException as error:
            with contextlib.suppress(*ENGINE_ERRORS):
                self.index.delete()
            if isinstance(error, ENGINE_ERRORS):
                raise unavailable(error, "rebuilding") from error
            raise
        finally:
            self.index = live

    @engine_errors_as_unavailable
    def search(self, query, request):
        answer = self.backend.es.search(index=self.index.name, body=build(query, request, self.index.name))
        ids = [int(hit["_id"]) for hit in answer["hits"]["hits"]]
        by_id = SearchDocument.objects.in_bulk(ids)
        aggregations = answer.get("aggregations", {})
        facets = {
            facet: {b["key"]: b["doc_count"] for b in aggregations.get(facet, {}).get("values", {}).get("buckets", [])}
            for facet in FACETS
        }
        return Found(
            total=answer["hits"]["total"]["value"],
            documents=[by_id[i] for i in ids if i in by_id],
            facets=facets if request.facets else {},
        )
