"""Which search engine answers: Elasticsearch when ELASTICSEARCH_URL is set, else the database's own."""

from django.conf import settings


def uses_elasticsearch():
    return "elasticsearch" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]


def engine():
    if uses_elasticsearch():
        from search.elasticsearch import ElasticsearchSearch

        return ElasticsearchSearch()
    from search.database import DatabaseSearch

    return DatabaseSearch()
