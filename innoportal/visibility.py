"""Pages everyone may see, with the view restrictions read once per request.

Wagtail's `PageQuerySet.public()` reads every view restriction again on each call: the home page
made eleven such queries, and serving a page reads its ancestors' restrictions once more.
`public(queryset)` is the same filter, and `applying_to(page_ids)` the restrictions Wagtail checks
before serving a page, both from the restrictions read once per request
(innoportal.middleware.RequestMemo); outside a request (commands, tasks) they are read each time,
as Wagtail does. A restriction added during a request is seen by the next one.
"""

import threading

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

_local = threading.local()


def start_request():
    _local.restrictions, _local.private = None, None
    _local.active = True


def end_request():
    _local.restrictions, _local.private, _local.active = None, None, False


def active():
    """True inside a request: what this module reads is read once."""
    return getattr(_local, "active", False)


def restrictions():
    """Every view restriction with its page (Wagtail's query in `private_q`)."""
    if not active():
        return list(PageViewRestriction.objects.select_related("page").all())
    if _local.restrictions is None:
        _local.restrictions = list(PageViewRestriction.objects.select_related("page").all())
    return _local.restrictions


def private_q():
    """Q of the pages in a private section (Wagtail's own rule, `PageQuerySet.private_q`)."""
    if active() and _local.private is not None:
        return _local.private
    pages = Page.objects.all()
    q = Q()
    for restriction in restrictions():
        q |= pages.descendant_of_q(restriction.page, inclusive=True)
    q = q if q else Q(pk__in=[])  # no private section: match no page
    if active():
        _local.private = q
    return q


def public(queryset):
    """`queryset.public()`, with the restrictions of this request."""
    return queryset.exclude(private_q())


def applying_to(page_ids):
    """The restrictions on these pages, as `Page.get_view_restrictions` finds them for a page whose
    ancestors (and itself) are these pages and none an alias."""
    return [restriction for restriction in restrictions() if restriction.page_id in page_ids]
