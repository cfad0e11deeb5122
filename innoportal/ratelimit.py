"""Who a request comes from, and a fixed-window rate limit per client kept in the shared cache.

Behind TRUSTED_PROXY_COUNT proxies, each of which appends the address it received the request from to
X-Forwarded-For, the client is the entry that the outermost trusted proxy appended: the one
TRUSTED_PROXY_COUNT places from the end. Entries further left were written by the client and prove
nothing. With no proxy (the default), the client is REMOTE_ADDR and X-Forwarded-For is ignored.
The admin log-in's lock-out (django-axes) asks the same function.

IPv6 clients are counted per /64 network, which one household or server usually holds whole.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The client's IP address as a string; REMOTE_ADDR when the forwarded one is missing or not an address;
    None when the request came from no address at all (a request made in code, not over the network)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote  # not through all the proxies we were told of: trust only the connection
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_bucket(request):
    """What the rate limit counts by: the address, or its /64 network for IPv6."""
    address = client_address(request) or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


def allow(request, scope, rule=None):
    """True while this client has made fewer than COUNT attempts at `scope` in the last window."""
    rule = rule or settings.REGISTRATION_RATE_LIMIT
    if rule == "off":
        return True
    count, seconds = (int(part) for part in rule.split("/"))
    key = f"ratelimit:{scope}:{client_bucket(request)}"
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key) <= count
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return True
