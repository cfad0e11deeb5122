"""Pages everyone may see, with the view restrictions read once per request.

Wagtail's `PageQuerySet.public()` reads every view restriction again on each call: the home page
made eleven such queries. `public(queryset)` is the same filter, with the restrictions read once per
request (innoportal.middleware.RequestMemo); outside a request (commands, tasks) it reads them each time,
as Wagtail does. A restriction added during a request is seen by the next one.
"""

import threading

from wagtail.models import Page

_local = threading.local()


def start_request():
    _local.private = None
    _local.active = True


def end_request():
    _local.private, _local.active = None, False


def private_q():
    """Q of the pages in a private section (Wagtail's own rule)."""
    if not getattr(_local, "active", False):
        return Page.objects.all().private_q()
    if _local.private is None:
        _local.private = Page.objects.all().private_q()
    return _local.private


def public(queryset):
    """`queryset.public()`, with the restrictions of this request."""
    return queryset.exclude(private_q())
