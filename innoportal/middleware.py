from django.conf import settings
from django.middleware.locale import LocaleMiddleware


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, but a 404 outside the public pages (API, admin, documents) stays a 404.

    Django would redirect `/api/v2/pages/999/` to `/en/api/v2/pages/999/` because Wagtail's
    catch-all pattern matches anything under a language prefix.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(settings.UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)
