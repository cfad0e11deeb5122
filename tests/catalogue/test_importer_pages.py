"""New pages are written in bulk (catalogue/importer/pages.py): they must be whole Wagtail pages, the same
as pages published in the admin, in the tree, the history, the revisions and scheduled publishing."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from catalogue.importer import loader, pages
from catalogue.models import Organisation, SolutionPage, TrialPage, WishIndexPage, WishPage
from notifications.models import Announcement
from search.service import SearchRequest, search
from tests.content import catalogue_records, load, wish


def wishes(keys, **overrides):
    return [r for key in keys for r in wish(key, **overrides)]


def test_imported_pages_are_whole_wagtail_pages(site_tree, monkeypatch):
    # Small batches, so that a kind is written in several of them.
    monkeypatch.setattr(loader, "BATCH", 3)
    monkeypatch.setattr(pages, "BATCH", 3)
    load(catalogue_records() + wishes([f"W-{n:04d}" for n in range(100, 110)]))

    assert all(problems == [] for problems in Page.find_problems())  # paths, depths and child counts
    imported = [*WishPage.objects.all(), *SolutionPage.objects.all(), *TrialPage.objects.all()]
    assert len(imported) == 2 * (2 + 10) + 4 + 2  # wishes, solutions and trials in two languages
    for page in imported:
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id
        assert page.first_published_at is not None
        assert page.url == page.get_parent().url + page.slug + "/"
        actions = list(PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True))
        assert actions == ["wagtail.create", "wagtail.publish"]
    # A revision holds the page with its metrics and its item, as the editor will open it.
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="en")
    as_saved = trial.live_revision.as_object()
    assert [m.name for m in as_saved.metrics.all()] == [m.name for m in trial.metrics.all()] != []
    wish = WishPage.objects.get(item__key="W-0105", locale__language_code="zh-hant")
    assert wish.live_revision.as_object().item == wish.item
    assert [c.key for c in wish.live_revision.as_object().category_list()] == ["energy-efficiency"]
    # The admin's "Usage" of the organisation lists the wish (the reference index, built by the worker).
    usage = ReferenceIndex.get_references_to(wish.item.organisation).values_list("object_id", flat=True)
    assert str(wish.item.pk) in set(usage)
    # Both languages of an item are one item; every new open wish is announced once.
    assert wish.get_translation(WishPage.objects.get(item__key="W-0105", locale__language_code="en").locale).live
    assert Announcement.objects.filter(item_key=wish.translation_key).count() == 1
    # And search found them when the import committed.
    found = search(SearchRequest(text="願望", lang="zh-hant", per_page=50))
    assert sorted(hit.key for hit in found.hits) == [f"W-{n:04d}" for n in range(100, 110)]


def test_a_page_added_by_an_editor_after_an_import_goes_after_the_imported_ones(site_tree):
    load(catalogue_records())
    index = WishIndexPage.objects.get(locale__language_code="en")
    emsd = Organisation.objects.get(key="emsd", locale=index.locale)
    added = WishPage(title="Added by hand", slug="added-by-hand", summary="x")
    added.set_facts(published_on=datetime.date(2020, 1, 1), organisation=emsd)
    index.add_child(instance=added)
    children = list(index.get_children().order_by("path").values_list("slug", flat=True))
    assert children[-1] == "added-by-hand" and len(children) == 3
    assert all(problems == [] for problems in Page.find_problems())


def test_a_scheduled_page_goes_live_on_its_date_and_is_announced_then(site_tree):
    load(catalogue_records() + wishes(["W-0200"], published="2099-01-01"))
    page = WishPage.objects.get(item__key="W-0200", locale__language_code="en")
    assert not page.live and page.live_revision is None
    assert not Announcement.objects.filter(item_key=page.translation_key).exists()
    assert [hit.key for hit in search(SearchRequest(text="wish", lang="en")).hits] == []
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.schedule").exists()

    # The date comes: Wagtail's scheduled publishing publishes the imported revision.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = page.latest_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live and page.live_revision_id == page.latest_revision_id
    assert Announcement.objects.filter(item_key=page.translation_key).count() == 1
