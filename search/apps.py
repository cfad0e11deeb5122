from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        # Each app declares what it makes searchable in its `searchable` module.
        autodiscover_modules("searchable")
        from search import signals
        from search.backends import uses_elasticsearch

        signals.connect()
        if uses_elasticsearch():
            from search.elasticsearch import enable_document_indexing

            enable_document_indexing()
