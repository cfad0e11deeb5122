"""Wagtail API v2, read-only: pages, images and documents.

The site exposes it, so it answers for what reaches it: parameters a database cannot take come back
as 400s, not 500s. (NUL characters are refused before, by `RefuseNullCharacters`.)"""

from django.db import DatabaseError
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

# Far beyond any listing, well within every database's integers (a larger offset overflows them).
MAX_OFFSET = 10**9


class ChecksItsInput:
    def listing_view(self, request):
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        if "search" not in request.GET:
            return super().listing_view(request)
        try:
            return super().listing_view(request)
        except DatabaseError as error:
            # The database's own full-text syntax (SQLite FTS5) refuses some queries, e.g. a lone ".
            raise BadRequestError("search query not understood") from error


class Pages(ChecksItsInput, PagesAPIViewSet):
    pass


class Images(ChecksItsInput, ImagesAPIViewSet):
    pass


class Documents(ChecksItsInput, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", Pages)
api_router.register_endpoint("images", Images)
api_router.register_endpoint("documents", Documents)
