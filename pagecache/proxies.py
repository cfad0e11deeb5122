"""Purging the caches in front of the site: a caching proxy (the stack's Varnish, deploy/) or a CDN,
the entries of settings.WAGTAILFRONTENDCACHE other than "shared" (the portal's own page cache, which
pagecache.purging purges at once).

They are purged by the task worker, so that a slow or unreachable proxy never holds up publishing,
and ahead of other queued work (PRIORITY): after an import thousands of tasks may wait, and a
published page must not stay stale behind them. Wagtail's backends purge addresses; "everything"
(the footer, shown on every page) is a PURGE of / that says so in X-Purge-Scope, which the stack's
VCL turns into a ban of every stored answer. A CDN backend without such a request is told each
address instead, which for "everything" it cannot be: that is logged.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django_tasks import task
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)
PRIORITY = 50  # above the default (0): before emails, renditions and search documents


def names():
    return [name for name in settings.WAGTAILFRONTENDCACHE if name != "shared"]


@task(priority=PRIORITY)
def purge_proxies(urls, everything=False):
    backends = get_backends(backends=names())
    for name, backend in backends.items():
        if everything and isinstance(backend, HTTPBackend):
            _purge_everything(name, backend)
        elif everything:
            logger.error("Frontend cache %s cannot be told to drop everything; the addresses purged", name)
        mine = [url for url in urls if backend.invalidates_hostname(urlsplit(url).hostname)]
        if mine:
            backend.purge_batch(mine)
    return f"{len(urls)} addresses{' and everything' if everything else ''} purged from {sorted(backends)}"


def _purge_everything(name, backend):
    address = urlunsplit([backend.cache_scheme, backend.cache_netloc, "/", "", ""])
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc or backend.cache_netloc
    request = Request(address, method="PURGE", headers={"Host": host, "X-Purge-Scope": "everything"})
    try:
        urlopen(request, timeout=10).close()  # noqa: S310 - the address is the configured LOCATION
    except (URLError, OSError) as error:
        logger.error("Frontend cache %s not purged of everything: %s", name, error)
