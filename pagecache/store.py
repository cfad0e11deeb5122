"""Where cached responses live: the shared cache (settings.PAGE_CACHE_ALIAS), keyed by address and
by version tokens that a purge replaces.

Each address has its own version token; purging the address replaces it, so every variant of it
(query strings such as ?page=2 or filters) is gone at once without listing them. An entry holds the
tokens it was kept under and is read with the current tokens in one round trip. Two more tokens
cover what no address list can: the *content* token, replaced by every purge, is part of the key of
pages that show any content (search, the APIs, feeds, sitemaps, statistics); the *site* token,
replaced when something shown on every page changes (the footer), is part of every key. Tokens are
random, never counters: a token that the cache evicted cannot come back and revive old entries.
"""

import hashlib
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches

PREFIX = "pagecache:"
SITE, CONTENT = PREFIX + "site", PREFIX + "content"
TOKEN_SECONDS = 30 * 24 * 3600


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _digest(text):
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _version_key(path):
    return PREFIX + "v:" + _digest(path)


def look_up(path, query, dynamic):
    """(the kept response for `path`?`query`, or None; the tokens it must have been kept under), in
    one round trip: an entry kept under other tokens was purged since. Missing tokens are made anew."""
    names = [_version_key(path), SITE] + ([CONTENT] if dynamic else [])
    key = PREFIX + "e:" + _digest(f"{path}|{query}")
    found = _with_tokens(cache().get_many([key, *names]), names)
    tokens = [found[name] for name in names]
    entry = found.get(key)
    return (entry if entry is not None and entry.get("tokens") == tokens else None), key, tokens


def _with_tokens(found, names):
    """`found` (what get_many read) with a new token for each of `names` that it lacks, stored."""
    missing = {name: secrets.token_hex(8) for name in names if name not in found}
    if missing:
        cache().set_many(missing, TOKEN_SECONDS)
        found.update(missing)
    return found


def keep(key, tokens, entry, seconds):
    cache().set(key, {**entry, "tokens": tokens}, seconds)


def content_version():
    """A token that changes whenever anything is purged: for what shows content in general (the
    header's menu and the footer, cached per language)."""
    tokens = _with_tokens(cache().get_many([SITE, CONTENT]), (SITE, CONTENT))
    return tokens[SITE] + tokens[CONTENT]


def purge(urls):
    """Forget every cached response for these addresses (any host, any query), and everything that
    shows content in general."""
    paths = {urlsplit(url).path or "/" for url in urls}
    if paths:
        cache().delete_many([_version_key(path) for path in paths] + [CONTENT])


def purge_everything():
    cache().delete_many([SITE, CONTENT])
