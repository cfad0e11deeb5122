"""A fixed-window rate limit per client address, kept in the cache (Redis in production)."""

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, scope, rule=None):
    """True while this client has made fewer than COUNT attempts at `scope` in the last window."""
    rule = rule or settings.REGISTRATION_RATE_LIMIT
    if rule == "off":
        return True
    count, seconds = (int(part) for part in rule.split("/"))
    key = f"ratelimit:{scope}:{client_address(request)}"
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key) <= count
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return True
