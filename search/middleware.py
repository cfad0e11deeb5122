"""A last resort for the search engine being down: whatever else asks it (the admin's page search,
Wagtail's API search) answers the translated "search is temporarily unavailable" page, 503, not a
server error. The search page and API handle it themselves (search.views)."""

import logging

from django.shortcuts import render

from search.backends import SearchUnavailable
from search.views import RETRY_AFTER, unavailable_message

logger = logging.getLogger(__name__)


class SearchEngineUnavailable:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Imported here, not at start-up: the two clients take 0.2 s to import, and most sites
        # search in their database.
        from search.elasticsearch_errors import ENGINE_ERRORS

        if not isinstance(exception, (SearchUnavailable, *ENGINE_ERRORS)):
            return None
        logger.warning("Search engine unavailable for %s: %s", request.path, exception)
        response = render(request, "503.html", {"message": unavailable_message()}, status=503)
        response["Retry-After"] = RETRY_AFTER
        return response
