from wagtail.contrib.frontend_cache.backends import BaseBackend

from pagecache import store


class SharedCacheBackend(BaseBackend):
    """Wagtail's frontend-cache purges (its admin actions, purge_page_from_cache) reach the page cache."""

    def purge(self, url):
        store.purge([url])

    def purge_batch(self, urls):
        store.purge(urls)
