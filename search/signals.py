"""Publishing, unpublishing or deleting a searchable page updates its item's documents after commit.

All the items touched in one transaction (an import publishes thousands) go to the background
worker as one task, queued only once the transaction commits.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from search import registry


class _Pending:
    def __init__(self):
        self.keys = set()
        self.flushed = False

    def flush(self):
        from search.tasks import update_documents

        self.flushed = True
        update_documents.enqueue(sorted(self.keys))

    def waiting_in(self, connection):
        return not self.flushed and any(callback == self.flush for _sids, callback, _robust in connection.run_on_commit)


def queue(translation_key):
    connection = transaction.get_connection()
    pending = getattr(connection, "search_pending", None)
    # A rolled-back transaction drops its callback: start a new batch then.
    if pending is not None and pending.waiting_in(connection):
        pending.keys.add(str(translation_key))
        return
    pending = connection.search_pending = _Pending()
    pending.keys.add(str(translation_key))
    transaction.on_commit(pending.flush)  # outside a transaction this runs at once


def page_changed(sender, instance, **kwargs):
    if registry.for_page(instance):
        queue(instance.translation_key)


def restriction_changed(sender, instance, **kwargs):
    """A password or group restriction hides a page and everything below it from search (documents are
    made of public pages only); lifting it brings them back."""
    try:
        pages = Page.objects.descendant_of(instance.page, inclusive=True)
    except Page.DoesNotExist:  # the page itself is being deleted, and with it its documents
        return
    for key in pages.values_list("translation_key", flat=True):
        queue(key)


def connect():
    page_published.connect(page_changed, weak=False, dispatch_uid="search-published")
    page_unpublished.connect(page_changed, weak=False, dispatch_uid="search-unpublished")
    # Deleting any page deletes its wagtailcore_page row, so Page alone is listened to (not every model).
    post_delete.connect(page_changed, sender=Page, weak=False, dispatch_uid="search-deleted")
    post_save.connect(restriction_changed, sender=PageViewRestriction, weak=False, dispatch_uid="search-restricted")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, weak=False, dispatch_uid="search-unrestricted")
