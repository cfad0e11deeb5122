"""What the open data reads: the live pages anyone may see, their addresses, and rows in batches.

Only what the public site shows is exported: live pages (a draft, a page scheduled for later, an
expired one are not), outside any view restriction (innoportal.visibility, Wagtail's own rule), under
one of the site's roots (a page no address reaches is not on the site). A page's text is its live
version: the columns of the page's own table, which a draft revision does not touch.
"""

import re
from html import unescape
from itertools import islice
from urllib.parse import quote

from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Locale, Site

from innoportal.languages import content_language
from innoportal.visibility import public

CHUNK = 2000  # rows read from the database at a time, and looked up together (categories, keys)

BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre)>|<br\s*/?>", re.I)
BLANK_LINES = re.compile(r"\n\s*\n+")


def locale(language):
    """The Locale whose content a file in `language` shows (zh-hans: zh-hant's), or None."""
    return Locale.objects.filter(language_code=content_language(language)).first()


def on_a_site():
    """Q of the pages some address reaches: under one of the sites' roots (in any language)."""
    roots = {root.root_path for root in Site.get_site_root_paths()}
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(url_path__startswith=root)
    return condition


def public_pages(model, locale=None):
    """Live pages of `model` that anyone may see, in `locale` (in every language when None)."""
    pages = public(model.objects.live().filter(on_a_site()))
    return pages.filter(locale=locale) if locale is not None else pages


def public_items(page_model, item_ids):
    """Of these item ids, those with a live page that anyone may see (in any language)."""
    if not item_ids:
        return set()
    return set(public_pages(page_model).filter(item_id__in=item_ids).values_list("item_id", flat=True))


def batches(iterable, size=None):
    """Lists of `size` (CHUNK) items of an iterable, read as they are needed."""
    size = size or CHUNK
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class Addresses:
    """The address of a page in a file's language from its url_path, as Page.get_full_url makes it, for
    rows read with values() (no Page instances): a zh-hant page's under /zh-hans/ in Simplified files."""

    def __init__(self, language):
        self.roots = []
        for _site, root_path, root_url, root_language in Site.get_site_root_paths():
            shown_in = language if content_language(language) == root_language else root_language
            with translation.override(shown_in):
                self.roots.append((root_path, root_url + reverse("wagtail_serve", args=("",))))

    def __call__(self, url_path):
        for root_path, base in self.roots:
            if url_path.startswith(root_path):
                return base + quote(url_path[len(root_path) :], safe="/-_.~")
        return None


def _line_break(match):
    """A list item or <br> ends a line; a paragraph, heading or quotation ends a paragraph."""
    return "\n" if (match.group(1) or "li").lower() == "li" else "\n\n"


def plain_text(html):
    """Rich text as plain text: one line per paragraph, heading or list item, blank lines between
    paragraphs, links and formatting dropped."""
    if not html:
        return ""
    text = unescape(strip_tags(BLOCK_END.sub(_line_break, html)))
    return BLANK_LINES.sub("\n\n", text).strip()
