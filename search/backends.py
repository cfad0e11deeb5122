"""Which search engine answers: OpenSearch when OPENSEARCH_URL is set, Elasticsearch when
ELASTICSEARCH_URL is, else the database's own. Both engines share one implementation."""

from django.conf import settings


class SearchUnavailable(Exception):
    """The search engine cannot answer (down, unreachable, overloaded): the search page and API say so
    with a 503, and index updates are tried again later (search.tasks)."""


def uses_elasticsearch():
    """True for either engine of the Elasticsearch family (Elasticsearch 8, OpenSearch 2)."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return "elasticsearch" in backend or "opensearch" in backend


def engine():
    if uses_elasticsearch():
        from search.elasticsearch import ElasticsearchSearch

        return ElasticsearchSearch()
    from search.database import DatabaseSearch

    return DatabaseSearch()
