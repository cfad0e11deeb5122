import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache on, purging when changes commit, as in production."""
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_PURGE_AT_ONCE = False
    caches[settings.PAGE_CACHE_ALIAS].clear()
