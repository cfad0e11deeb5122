from csp.constants import SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.views.defaults import bad_request

from innoportal import visibility
from innoportal.languages import convert_response


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, but a 404 outside the public pages (API, admin, documents) stays a 404.

    Django would redirect `/api/v2/pages/999/` to `/en/api/v2/pages/999/` because Wagtail's
    catch-all pattern matches anything under a language prefix.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(settings.UNPREFIXED_PATHS):
            # The API answers in the negotiated language when no `lang` is given: a shared cache
            # must keep one answer per Accept-Language.
            patch_vary_headers(response, ("Accept-Language",))
            return response
        return super().process_response(request, response)


class RefuseNullCharacters:
    """A request whose address or query holds a NUL character gets a 400 before any view sees it.

    No text column takes one (PostgreSQL refuses it outright), and no page, filter, search or API
    parameter has a use for one; form fields refuse it themselves (Django's CharField).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
            if request.path_info.startswith(settings.UNPREFIXED_PATHS):
                return JsonResponse({"message": "NUL characters are not allowed"}, status=400)
            return bad_request(request, exception=None)
        return self.get_response(request)


class ContentSecurityPolicy(CSPMiddleware):
    """django-csp's middleware: the strict policy everywhere but in the admin, which gets its own
    (settings.ADMIN_CONTENT_SECURITY_POLICY) because Wagtail's editor needs inline scripts and styles.

    A page rendered for the editor's preview panel (Wagtail's "dummy" request) keeps the public policy,
    but may be framed by the admin, on the same site.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(settings.ADMIN_PATHS):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        elif getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class ConvertedLanguages:
    """Pages, feeds and calendars under a converted language's prefix (/zh-hans/) are the content
    language's response converted (innoportal.languages), interface strings and content alike."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code in settings.CONVERTED_LANGUAGES)

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.prefixes):
            convert_response(response, request.path_info.split("/")[1])
        return response


class RequestMemo:
    """What one request reads once: the view restrictions (innoportal.visibility)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        visibility.start_request()
        try:
            return self.get_response(request)
        finally:
            visibility.end_request()
