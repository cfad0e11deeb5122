"""Whole public responses for anonymous visitors, from the shared cache (pagecache.store).

Sits near the outside of the middleware stack, so that a kept answer is served with the headers the
whole stack gave it (security policy, language, Vary) without running the stack again.

A request is looked up when it is a GET by someone with no session or message cookie, for an address
outside the personal and admin areas, and the page cache is on (settings.PAGE_CACHE). A response is
kept when its view is on the public list (pages, search, feeds, sitemaps, the read-only APIs), it is
a 200 that set no cookie but a form's CSRF one, wrote nothing to a session, and did not say private
or no-store. Pages with a form keep a placeholder where the CSRF token was: each visitor gets the
kept page with a token (and cookie) of their own, so forms work without rendering the page.
"""

import hashlib
import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import translation
from django.utils.cache import patch_cache_control

from pagecache import store

TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')
PLACEHOLDER = b"__pagecache_csrf_token__"
# Headers that belong to one answer, not to the page.
SKIPPED_HEADERS = {"set-cookie", "date", "content-length", "etag", "cache-control", "x-page-cache", "expires"}
# Views whose answers are the same for every anonymous visitor.
PAGES = {"wagtail_serve", "site_map"}  # purged by address
CONTENT = {  # show content in general: kept until anything is published
    "search",
    "search_api",
    "reports",
    "statistics",
    "api_docs",
    "api_schema",
    "sitemap",
    "robots",
    "innodays_calendar",
    "alerts_feed_rss",
    "alerts_feed_atom",
    "alerts_category_feed_rss",
    "alerts_category_feed_atom",
}
API_NAMESPACE = "wagtailapi"


def _dynamic(request):
    """Whether the address shows content in general (its key carries the content token)."""
    path = request.path_info
    return path.startswith(("/api/", "/sitemap.xml", "/robots.txt", "/innodays.ics")) or any(
        part in path for part in ("/search/", "/reports/", "/statistics/", "/api-docs/", "/alerts/feeds/")
    )


def _language(request):
    """The language the answer will be in: the address's, else the negotiated one (the API's)."""
    return translation.get_language_from_path(request.path_info) or translation.get_language_from_request(request)


class PageCache:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_look_up(request):
            return self.get_response(request)
        dynamic = _dynamic(request)
        query = f"{_language(request)}?{request.META.get('QUERY_STRING', '')}"
        entry, key, tokens = store.look_up(request.path_info, query, dynamic)
        if entry is not None:
            return self._serve(request, entry)
        response = self.get_response(request)
        if self._may_keep(request, response):
            entry = self._entry(response, dynamic)
            store.keep(key, tokens, entry, settings.PAGE_CACHE_SECONDS)
            self._label(response, entry, "miss")
        return response

    def _may_look_up(self, request):
        cookies = request.COOKIES
        return (
            settings.PAGE_CACHE
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in cookies
            and "messages" not in cookies
            and not request.path_info.startswith(settings.PAGE_CACHE_NEVER)
            and not any(part in request.path_info for part in settings.PAGE_CACHE_NEVER_PARTS)
        )

    def _may_keep(self, request, response):
        match = getattr(request, "resolver_match", None)
        if match is None or response.status_code != 200 or response.streaming:
            return False
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:  # only a form's token cookie is expected
            return False
        if not (match.url_name in PAGES or match.url_name in CONTENT or API_NAMESPACE in match.namespaces):
            return False
        # Reading the (empty) session of a visitor without one is harmless (the API's authentication
        # does); writing to it is not.
        if getattr(request, "is_preview", False) or getattr(request, "session", None) and request.session.modified:
            return False
        route = getattr(request, "routable_resolver_match", None)  # a page's own route (registered/?t=…)
        if route is not None and route.route not in settings.PAGE_CACHE_ROUTES:
            return False
        if "nonce-" in response.get("Content-Security-Policy", ""):  # a nonce is for one answer only
            return False
        control = response.get("Cache-Control", "")
        return not any(word in control for word in ("private", "no-store", "no-cache"))

    def _entry(self, response, dynamic):
        body = response.content
        has_form = bool(TOKEN_FIELD.search(body))
        if has_form:
            body = TOKEN_FIELD.sub(rb"\1" + PLACEHOLDER + rb"\2", body)
        headers = {name: value for name, value in response.items() if name.lower() not in SKIPPED_HEADERS}
        if "Vary" in headers and not has_form:  # the session was only read: the answer is everyone's
            headers["Vary"] = ", ".join(v for v in headers["Vary"].split(", ") if v.lower() != "cookie")
        etag = None if has_form else '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        # A proxy may keep a page that our purges reach, not what shows content in general.
        shared = 0 if dynamic else settings.PAGE_CACHE_SECONDS
        return {"body": body, "headers": headers, "form": has_form, "etag": etag, "shared_seconds": shared}

    def _serve(self, request, entry):
        """The kept answer, with the headers the whole middleware stack gave it when it was made."""
        if entry["etag"] and request.META.get("HTTP_IF_NONE_MATCH") == entry["etag"]:
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(entry["body"])
        for name, value in entry["headers"].items():
            response[name] = value
        if entry["form"] and response.status_code == 200:  # this visitor's own CSRF token and cookie
            csrf = CsrfViewMiddleware(self.get_response)
            csrf.process_request(request)
            response.content = entry["body"].replace(PLACEHOLDER, get_token(request).encode())
            csrf.process_response(request, response)
        self._label(response, entry, "hit")
        return response

    @staticmethod
    def _label(response, entry, outcome):
        if entry["etag"]:
            response["ETag"] = entry["etag"]
            # Browsers check each time (a 304 when unchanged); a proxy that receives our purges may keep it.
            patch_cache_control(response, public=True, max_age=0, s_maxage=entry["shared_seconds"])
        else:  # a form's token is the visitor's own: no one else may keep the page
            patch_cache_control(response, private=True, no_cache=True)
        response["X-Page-Cache"] = outcome
