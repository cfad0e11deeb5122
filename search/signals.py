"""Publishing, unpublishing or deleting a searchable page updates its item's documents after commit.

All the items touched in one transaction (an import publishes thousands) go to the background
worker as one task, queued only once the transaction commits.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from innoportal.aftercommit import AfterCommit
from search import registry


def _update(keys):
    from search.tasks import update_documents

    update_documents.enqueue(sorted(keys))


_updates = AfterCommit("search-documents", act=_update)


def queue(translation_key):
    _updates.add([str(translation_key)])


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
