"""Serving a page in three queries where Wagtail's walk of the page tree takes two per level.

Wagtail's `serve` finds a page by walking the tree: the site's root page in the active language (the
locale; the translation, in another language; its specific page), then per level the child with the
next slug and its specific page; before serving, the ancestors (for aliases) and their view
restrictions: eight queries for /en/wishes/<slug>/ after the site's. `serve` here finds the same page
by the same rules in three:

1. the language's home page, the pages above it and, for each level of the address, the pages at
   that depth with that slug, in one query, walked as Wagtail walks them (each the child of the last);
2. the page itself, as its own class, with the relations its template reads (`serve_related`);
3. the view restrictions, read once per request (innoportal.visibility), shared with `public()`.

Where Wagtail's walk would do something else, its code does it: a page whose class routes by itself
(RoutablePageMixin: a trial's report, an InnoDay's calendar) gets the rest of the address, unless
none of its routes takes it (then its route looks up a child as Page.route does, and so does this);
a language's home page missing, not live or not where the site's root is, an unknown language, an
address deeper than MAX_LEVELS: Wagtail walks. With an alias among the pages, Wagtail reads the view
restrictions itself (an alias has its source's).
"""

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.urls import re_path
from django.utils.translation import get_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from innoportal import visibility

MAX_LEVELS = 8
WALK = object()  # "let Wagtail walk the tree"


def serve(request, path):
    """Wagtail's `serve`, with the page found here (Wagtail keeps a route in
    `request._wagtail_route_for_request`, and `Page.route_for_request` answers from it)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            found = route(request, path)
        except Http404:
            found = None
        if found is not WALK:
            request._wagtail_route_for_request = found
    return wagtail_views.serve(request, path)


urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]


def route(request, path):
    """What `Page.route_for_request(request, path)` returns (Http404 where it returns None), or WALK."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    if len(components) > MAX_LEVELS or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return WALK
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        return WALK
    root = site.root_page
    wanted = Q(translation_key=root.translation_key, locale__language_code=language) | Q(depth__lt=root.depth)
    for level, slug in enumerate(components, start=1):
        wanted |= Q(depth=root.depth + level, slug=slug)
    rows = list(Page.objects.filter(wanted).select_related("locale").order_by("path"))

    home = [row for row in rows if row.translation_key == root.translation_key and row.locale.language_code == language]
    if len(home) != 1 or not home[0].live or home[0].depth != root.depth:
        return WALK  # Wagtail falls back to the site's root page, or another language's
    page = home[0]
    chain = [row for row in rows if row.depth < page.depth and page.path.startswith(row.path)]
    if len(chain) != page.depth - 1:
        return WALK
    remaining = components
    while walks_on(page, remaining):
        # Page.route: the child with the next slug (Http404 without one), then its own route.
        children = [row for row in rows if row.depth == page.depth + 1 and row.slug == remaining[0]]
        children = [row for row in children if row.path.startswith(page.path)]
        if len(children) > 1:
            return WALK
        if not children:
            raise Http404
        chain.append(page)
        children[0]._cached_parent_obj = page
        page, remaining = children[0], remaining[1:]
    if page.specific_class is None:
        return WALK
    page = specific(page)
    found = page.route(request, remaining)
    chain.append(page)
    if getattr(found, "page", None) is page and visibility.active() and not any(row.alias_of_id for row in chain):
        # Wagtail's check before serving (wagtail_hooks.check_view_restrictions) asks the page.
        ids = {row.pk for row in chain}
        page.get_view_restrictions = lambda: visibility.applying_to(ids)
    return found


def walks_on(page, remaining):
    """True where the page's own route would be Page.route's look-up of the child with the next
    slug: Page.route itself, or a routable page's when none of its routes takes the rest."""
    if not remaining:
        return False
    model = page.specific_class
    own = getattr(model, "route", None)
    if own is Page.route:
        return True
    if (
        own is not RoutablePageMixin.route
        or model.resolve_subpage is not RoutablePageMixin.resolve_subpage
        or getattr(super(RoutablePageMixin, model), "route", None) is not Page.route
    ):
        return False
    if not page.live:
        return True  # RoutablePageMixin.route tries its routes on a live page only
    try:
        model.get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Http404:
        return True
    return False


def specific(row):
    """`row.specific`, read with the relations its class names in `serve_related` (and its locale)."""
    model = row.specific_class
    if model is None or isinstance(row, model):
        return row.specific
    related = ["locale", *getattr(model, "serve_related", ())]
    page = model._default_manager.select_related(*related).get(id=row.id)
    for name, value in row.__dict__.items():  # as Wagtail's get_specific: what was set on the row
        page.__dict__.setdefault(name, value)
    return page
