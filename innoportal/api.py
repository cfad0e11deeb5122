"""Wagtail API v2, read-only: pages, images and documents.

The site exposes it, so it answers for what reaches it: parameters a database cannot take come back
as 400s, not 500s. (NUL characters are refused before, by `RefuseNullCharacters`.)"""

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import prefetch_related_objects
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from catalogue.models.base import CatalogueItemPage, name_organisations
from innoportal.api_media import PublicMedia, reading_tags_together
from innoportal.routing import specific

# Far beyond any listing, well within every database's integers (a larger offset overflows them).
MAX_OFFSET = 10**9
# How far a search's results can be paged: a search engine's result window (OpenSearch's default
# index.max_result_window), kept with the database's search too, so the API is the same on both.
SEARCH_WINDOW = 10_000


class ChecksItsInput:
    def listing_view(self, request):
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        if request.GET.get("search_operator", "and") not in ("and", "or"):  # Wagtail's search raises a 500
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "search" not in request.GET:
            return super().listing_view(request)
        limit = request.GET.get("limit", "")
        if offset.isdigit() and int(offset) + (int(limit) if limit.isdigit() else 20) > SEARCH_WINDOW:
            raise BadRequestError(f"a search's results can be paged up to {SEARCH_WINDOW}: offset + limit")
        try:
            return super().listing_view(request)
        except DatabaseError as error:
            # The database's own full-text syntax (SQLite FTS5) refuses some queries, e.g. a lone ".
            raise BadRequestError("search query not understood") from error


class FactsFilter(BaseFilterBackend):
    """`?type=catalogue.WishPage&status=open`: a wish's, solution's or trial's facts (key, status, TRL,
    dates…) filter as its own fields would; they live on the item all its languages share."""

    @staticmethod
    def facts(model):
        item_model = getattr(model, "item_model", None)
        if item_model is None:
            return {}
        return {f.name: f for f in item_model()._meta.concrete_fields if not f.is_relation and f.name != "id"}

    def filter_queryset(self, request, queryset, view):
        facts = self.facts(queryset.model)
        for name, value in request.GET.items():
            if name in facts:
                try:
                    facts[name].to_python(value)
                except ValidationError as error:
                    raise BadRequestError(f"{name}: {' '.join(error.messages)}") from error
                queryset = queryset.filter(**{f"item__{name}": value})
        return queryset


# Fields that read many rows per page: read for a whole listing at once (prefetched).
MANY_ROWS = {"categories": "item__categories", "applicable_to": "item__applicable_to", "metrics": "metrics"}


class Pages(ChecksItsInput, PagesAPIViewSet):
    """Wagtail's pages endpoint, reading a listing's relations for all its pages at once: the view
    restrictions and the site's languages once per request (not three times), each page's locale and
    facts with it (`serve_related`), and the many-row fields and organisations' names per listing."""

    filter_backends = [FactsFilter, *PagesAPIViewSet.filter_backends]

    def get_base_queryset(self):
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.select_related("locale", *getattr(queryset.model, "serve_related", ()))

    def get_object(self):
        return specific(super(PagesAPIViewSet, self).get_object())  # Wagtail's: `.specific`

    def get_serializer(self, instance=None, *args, **kwargs):
        if not kwargs.get("many") or instance is None:
            return super().get_serializer(instance, *args, **kwargs)
        pages = list(instance)
        serializer = super().get_serializer(pages, *args, **kwargs)
        read_together(pages, serializer.child.fields)
        return serializer

    def check_query_parameters(self, queryset):
        # Wagtail's check, which also knows the facts of the pages that have them.
        allowed = set(self.get_available_fields(queryset.model, db_fields_only=True))
        allowed |= set(self.known_query_parameters) | set(FactsFilter.facts(queryset.model))
        unknown = set(self.request.GET) - allowed
        if unknown:
            raise BadRequestError(
                f"query parameter is not an operation or a recognised field: {', '.join(sorted(unknown))}"
            )


def read_together(pages, fields):
    """Read what the listed item pages' `fields` need of many rows in a query per field, not per page."""
    items = [page for page in pages if isinstance(page, CatalogueItemPage)]
    for model in {type(page) for page in items}:
        offered = {field.name for field in model.api_fields}
        lookups = [lookup for name, lookup in MANY_ROWS.items() if name in fields and name in offered]
        if lookups:
            prefetch_related_objects([page for page in items if type(page) is model], *lookups)
    if "organisation" in fields:
        name_organisations(items)


class Images(ChecksItsInput, PublicMedia, ImagesAPIViewSet):
    """Only the images live, public pages use (innoportal.api_media)."""

    base_serializer_class = reading_tags_together(ImagesAPIViewSet.base_serializer_class)


class Documents(ChecksItsInput, PublicMedia, DocumentsAPIViewSet):
    """Only the documents live, public pages use (innoportal.api_media)."""

    base_serializer_class = reading_tags_together(DocumentsAPIViewSet.base_serializer_class)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", Pages)
api_router.register_endpoint("images", Images)
api_router.register_endpoint("documents", Documents)
