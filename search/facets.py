"""Facets on the search page: each value a link that adds or removes it, with its count."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from innoportal.languages import content_language
from search import registry
from search.forms import PARAMS
from search.models import DocumentCategory

TITLES = {
    "kind": _("Type"),
    "category": _("Technology category"),
    "status": _("Status"),
    "organisation_type": _("Organisation type"),
}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


def _url(params, param, value, add):
    query = params.copy()
    values = [v for v in query.getlist(param) if v != value] + ([value] if add else [])
    query.setlist(param, values)
    query.pop("page", None)
    return "?" + query.urlencode()


def facet_groups(results, params):
    """[(facet, title, [Option])] for the facets that have something to offer."""
    request = results.request
    groups = []
    for facet, counts in results.facets.items():
        selected = set(request.selected(facet))
        labels = registry.facet_labels(facet, list(counts) + list(selected), request.lang)
        values = _ordered(facet, list(counts) + [v for v in selected if v not in counts], counts, labels)
        param = PARAMS[facet]
        options = [
            Option(v, str(labels.get(v, v)), counts.get(v, 0), v in selected, _url(params, param, v, v not in selected))
            for v in values
        ]
        if options:
            groups.append((facet, TITLES[facet], options))
    return groups


def _ordered(facet, values, counts, labels):
    """Kinds and statuses in their natural order; categories and organisation types by count."""
    if facet in ("kind", "status"):
        natural = [s.kind for s in registry.searchables()] if facet == "kind" else list(registry.status_labels())
        return sorted(values, key=lambda v: natural.index(v) if v in natural else len(natural))
    return sorted(values, key=lambda v: (-counts.get(v, 0), str(labels.get(v, v))))


def removable_filters(request, params):
    """The chosen filters, each with the URL that drops it: the zero-results page offers them."""
    removable = []
    for facet, values in request.filters.items():
        labels = registry.facet_labels(facet, list(values), request.lang)
        removable += [(str(labels.get(v, v)), _url(params, PARAMS[facet], v, add=False)) for v in values]
    return removable


def popular_categories(language, limit=6):
    """The categories with most items in this language: (name, URL to browse them)."""
    counts = (
        DocumentCategory.objects.filter(document__shown_in=content_language(language))
        .values("key")
        .annotate(n=Count("id"))
        .order_by("-n", "key")[:limit]
    )
    keys = [row["key"] for row in counts]
    names = registry.facet_labels("category", keys, language)
    links = registry.facet_links("category", keys, language)
    return [(names.get(key, key), links.get(key, "")) for key in keys]
