"""What the portal makes searchable: apps register their page models here, from a `searchable` module.

Each registration names a kind (``wish``, ``innoday``, ...), its labels, and a function that
describes a live page as a `Description`. The search service knows nothing else about the models.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from innoportal.languages import content_language


@dataclass
class Description:
    """What a search document holds about one page, besides its title, language and URL."""

    key: str
    summary: str = ""
    body: str = ""
    keywords: str = ""  # found by, not shown: indexed with the summary
    categories: list = field(default_factory=list)
    status: str = ""
    organisation_type: str = ""
    published: object = None  # a date


@dataclass(frozen=True)
class Searchable:
    kind: str
    model: type
    label: object  # lazily translated, singular
    plural: object
    describe: object  # page -> Description
    statuses: dict = field(default_factory=dict)  # value -> label, for the status facet
    prepare: object = None  # queryset -> queryset, e.g. select_related what `describe` reads


FACETS = ("kind", "category", "status", "organisation_type")

_by_kind = {}
_facet_labels = {}  # facet -> function(values, language) -> {value: label}
_facet_links = {}  # facet -> function(values, language) -> {value: URL of a page listing it}


def register(kind, model, *, label, plural, describe, statuses=None, prepare=None):
    _by_kind[kind] = Searchable(kind, model, label, plural, describe, dict(statuses or {}), prepare)


def label_facet(facet, labeller):
    """Let an app name the values of a facet it fills, e.g. category keys -> category names."""
    _facet_labels[facet] = labeller


def link_facet(facet, linker):
    """Let an app say where to browse facet values, e.g. a category's listing of wishes."""
    _facet_links[facet] = linker


def facet_links(facet, values, language):
    linker = _facet_links.get(facet)
    return linker(values, content_language(language)) if linker else {}


def facet_labels(facet, values, language):
    if facet == "kind":
        return {kind: _by_kind[kind].plural for kind in values if kind in _by_kind}
    if facet == "status":
        return status_labels()
    labeller = _facet_labels.get(facet)
    return labeller(values, content_language(language)) if labeller else {}


def searchables():
    return list(_by_kind.values())


def get(kind):
    return _by_kind.get(kind)


def for_page(page):
    """The registration for a page's specific class, if it has one."""
    model = page.specific_class
    return next((s for s in _by_kind.values() if model is not None and issubclass(model, s.model)), None)


def status_labels():
    labels = {}
    for searchable in _by_kind.values():
        labels.update(searchable.statuses)
    return labels


BLOCK_TAG = re.compile(r"<(/?(?:p|div|li|ul|ol|h[1-6]|br|hr|tr|td|th|blockquote|section|figure|figcaption)\b)", re.I)


def plain_text(text):
    """Rich text or rendered blocks as text: tags removed, whitespace collapsed; paragraphs, list items
    and other blocks stay apart ("a secure link. Combined", not "a secure link.Combined")."""
    spaced = BLOCK_TAG.sub(r" <\1", str(text or ""))
    return " ".join(html.unescape(strip_tags(spaced)).split())
