"""Rate limits count each visitor, not the proxy in front of the site, and cannot be dodged by writing a
made-up X-Forwarded-For. Counted in the shared cache (Redis when CACHE_URL is set, as in production)."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.notifications.test_subscribe import form

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"  # the load balancer: every request reaches the site from it


@pytest.fixture(autouse=True)
def two_attempts(settings):
    settings.ALERTS_RATE_LIMIT = "2/600"
    cache.clear()
    yield
    cache.clear()


def allowed(forwarded_for=None, remote=PROXY, tries=4):
    """How many of `tries` alert sign-ups from one visitor the site accepts."""
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    client = Client(REMOTE_ADDR=remote, **headers)
    answers = [client.post("/en/alerts/", form(email=f"try{n}@example.hk")) for n in range(tries)]
    refused = [answer for answer in answers if b"Too many attempts" in answer.content]
    assert all(answer.status_code == 400 for answer in refused)
    return tries - len(refused)


def test_behind_a_proxy_each_visitor_has_their_own_count(settings, catalogue):
    settings.TRUSTED_PROXY_COUNT = 1
    assert allowed("203.0.113.7") == 2
    assert allowed("198.51.100.20") == 2  # another visitor through the same proxy is not held back


def test_a_made_up_forwarded_for_does_not_give_more_attempts(settings, catalogue):
    settings.TRUSTED_PROXY_COUNT = 1
    assert allowed("1.1.1.1, 203.0.113.7") == 2
    assert allowed("2.2.2.2, 203.0.113.7") == 0  # the proxy wrote 203.0.113.7 both times
    assert allowed("not-an-address") == 2  # nonsense from the proxy's side: the proxy's own count
    assert allowed("also-nonsense") == 0


def test_two_proxies_the_outer_ones_entry_counts(settings, catalogue):
    settings.TRUSTED_PROXY_COUNT = 2
    assert allowed("203.0.113.7, 10.0.0.2") == 2
    assert allowed("9.9.9.9, 203.0.113.7, 10.0.0.2") == 0


def test_without_a_proxy_forwarded_for_is_ignored(settings, catalogue):
    settings.TRUSTED_PROXY_COUNT = 0
    assert allowed("203.0.113.7", remote="192.0.2.1") == 2
    assert allowed("198.51.100.20", remote="192.0.2.1") == 0  # same connection, whatever it claims
    assert allowed(remote="192.0.2.2") == 2


def test_ipv6_visitors_are_counted_per_network(settings, catalogue):
    settings.TRUSTED_PROXY_COUNT = 1
    assert allowed("2001:db8:1:2::10") == 2
    assert allowed("2001:db8:1:2:ffff::99") == 0  # same /64: the same household or server
    assert allowed("2001:db8:1:3::10") == 2
