"""A caching proxy in front of the site (Varnish in deploy/) is told what to drop when content changes:
the addresses of a published page, and everything when the footer changes. The proxy here is a real
HTTP server on 127.0.0.1 that records the PURGE requests it receives (the edge of the world)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from catalogue.models import WishPage
from home.models import FooterText

pytestmark = pytest.mark.django_db(transaction=True)


class Recorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.received.append((self.path, self.headers.get("Host"), self.headers.get("X-Purge-Scope")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        **settings.WAGTAILFRONTENDCACHE,
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        },
    }
    yield server.received
    server.shutdown()
    server.server_close()


def test_a_published_page_is_purged_from_the_proxy_with_its_index_and_translations(proxy, catalogue):
    page = WishPage.objects.get(item__key="W-0001", locale__language_code="en")
    page.title = "Cut chiller energy use in summer"
    page.save_revision().publish()
    paths = {path for path, _host, _scope in proxy}
    assert {"/en/wishes/cut-chiller-energy-use/", "/en/wishes/", "/en/"} <= paths
    assert "/zh-hans/wishes/" in paths  # the Simplified twin of the Chinese index
    assert all(host for _path, host, _scope in proxy)  # the site's own host, as the proxy keyed it
    assert not any(scope for _path, _host, scope in proxy)


def test_a_footer_edit_tells_the_proxy_to_drop_everything(proxy, catalogue):
    footer = FooterText.objects.filter(locale__language_code="en").first()
    footer.body = "<p>Footer changed today</p>"
    footer.save()
    assert ("/", "everything") in {(path, scope) for path, _host, scope in proxy}


def test_an_unreachable_proxy_does_not_stop_publishing(settings, catalogue):
    settings.WAGTAILFRONTENDCACHE = {
        **settings.WAGTAILFRONTENDCACHE,
        "proxy": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"},
    }
    page = WishPage.objects.get(item__key="W-0001", locale__language_code="en")
    page.title = "Published although the proxy is down"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and page.title == "Published although the proxy is down"
