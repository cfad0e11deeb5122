"""What makes the exports out of date: a new version (opendata.store) once the change commits.

Publishing, unpublishing, moving or deleting a wish, solution or trial page (the importer sends the
same signals); a fact of an item changed (its status, its categories, the wishes a solution was
proposed for); an organisation or a category edited; a view restriction added or lifted anywhere (it
may cover a section of the catalogue); a site's address changed. Not the footer, InnoDays or anything
else the page cache purges for: the catalogue does not show them, and a 100,000-record export is not
made again for nothing.
"""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import store

_pending = threading.local()


def changed(**kwargs):
    """Replace the version when the current transaction commits (now, outside one), once per transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block or settings.PAGE_CACHE_PURGE_AT_ONCE:
        store.refresh()
    elif not _waiting(connection):
        transaction.on_commit(store.refresh)
        _pending.at = len(connection.run_on_commit) - 1


def _waiting(connection):
    """Whether store.refresh already waits for this transaction's commit. Looked up where it was put
    (an import sends thousands of signals: no search of the whole list each time); a savepoint rolled
    back since may have moved it up the list, or removed it."""
    callbacks = connection.run_on_commit
    at = getattr(_pending, "at", None)
    if at is not None and at < len(callbacks) and callbacks[at][1] is store.refresh:
        return True
    for n in range(min(at or 0, len(callbacks) - 1), -1, -1):
        if callbacks[n][1] is store.refresh:
            _pending.at = n
            return True
    return False


def connect():
    from catalogue.models import (
        Organisation,
        Solution,
        SolutionPage,
        TechnologyCategory,
        Trial,
        TrialPage,
        Wish,
        WishPage,
    )

    def receive(signal, sender):
        signal.connect(changed, sender=sender, weak=False, dispatch_uid=f"opendata-{id(signal)}-{sender.__name__}")

    for page_model in (WishPage, SolutionPage, TrialPage):
        for signal in (page_published, page_unpublished):
            receive(signal, page_model)
    for model in (Page, WishPage, SolutionPage, TrialPage, PageViewRestriction, Site, Organisation, TechnologyCategory):
        receive(post_delete, model)
    for model in (PageViewRestriction, Site, Organisation, TechnologyCategory, Wish, Solution, Trial):
        receive(post_save, model)
    for relation in (Wish.categories, Solution.categories, Solution.applicable_to):
        receive(m2m_changed, relation.through)
    post_page_move.connect(changed, weak=False, dispatch_uid="opendata-page-moved")
