from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache: whole public responses, purged exactly when content changes"

    def ready(self):
        from pagecache import purging

        purging.connect()
