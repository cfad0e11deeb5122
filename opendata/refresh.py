"""What makes the exports out of date: a new version (opendata.store) once the change commits.

Publishing, unpublishing, moving or deleting a wish, solution or trial page (the importer sends the
same signals); a fact of an item changed (its status, its categories, the wishes a solution was
proposed for); an organisation or a category edited; a view restriction added or lifted anywhere (it
may cover a section of the catalogue); a site's address changed. Not the footer, InnoDays or anything
else the page cache purges for: the catalogue does not show them, and a 100,000-record export is not
made again for nothing.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from innoportal.aftercommit import AfterCommit

from . import store

_refreshes = AfterCommit(
    "open-data", act=lambda _nothing: store.refresh(), at_once=lambda: settings.PAGE_CACHE_PURGE_AT_ONCE
)


def changed(**kwargs):
    """Replace the version when the current transaction commits (now, outside one), once per transaction."""
    _refreshes.add()


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
