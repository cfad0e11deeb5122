"""Exports are kept, and made again once something they show changes: publishing, unpublishing, a
fact, an organisation, a view restriction; a change made in a transaction counts once it commits."""

from django.http import FileResponse
from django.test import Client
from wagtail.models import PageViewRestriction

from catalogue.models import Organisation, Wish, WishPage
from opendata import refresh, store

from .files import by_key, download, records


def test_a_published_change_is_in_the_next_download_with_new_validators(catalogue):
    client = Client()
    before = client.get("/open-data/wishes.en.csv")
    assert "Robots to clean drains" in b"".join(before.streaming_content).decode()
    kept = client.get("/open-data/wishes.en.csv")
    assert isinstance(kept, FileResponse)  # kept until something changes
    b"".join(kept.streaming_content)

    page = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    page.title = "Robots that clean drains"
    page.save_revision().publish()

    after = client.get("/open-data/wishes.en.csv", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200  # not a 304: the file changed
    assert after["ETag"] != before["ETag"]
    text = b"".join(after.streaming_content).decode()
    assert "Robots that clean drains" in text and "Robots to clean drains" not in text
    assert by_key(records("wishes.csv"))["W-0002"]["title_zh_hant"] == "清理渠道的機械人"


def test_unpublishing_a_restriction_a_fact_and_an_organisation_each_refresh(catalogue):
    assert "W-0002" in by_key(records("wishes.en.json"))

    Wish.objects.get(key="W-0002").categories.clear()  # a fact, changed in any language's editor
    assert by_key(records("wishes.en.json"))["W-0002"]["categories"] == []

    wish = Wish.objects.get(key="W-0002")
    wish.status = Wish.Status.CLOSED
    wish.save()
    assert by_key(records("wishes.en.json"))["W-0002"]["status"] == "closed"

    polyu = Organisation.objects.get(key="polyu", locale__language_code="en")
    polyu.name = "PolyU, renamed"
    polyu.save()
    assert by_key(records("organisations.en.csv"))["polyu"]["name"] == "PolyU, renamed"

    restriction = PageViewRestriction.objects.create(
        page=WishPage.objects.get(item__key="W-0002", locale__language_code="en"),
        restriction_type="password",
        password="secret",
    )
    assert "W-0002" not in by_key(records("wishes.en.json"))
    restriction.delete()
    assert "W-0002" in by_key(records("wishes.en.json"))

    WishPage.objects.get(item__key="W-0002", locale__language_code="zh-hant").unpublish()
    assert "W-0002" not in by_key(records("wishes.zh-hant.json"))


def test_a_change_refreshes_the_exports_when_its_transaction_commits(
    catalogue, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_PURGE_AT_ONCE = False  # as in production
    version = store.current()
    download("wishes.en.csv")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
        page.title = "Robots that clean drains"
        page.save_revision().publish()
        other = WishPage.objects.get(item__key="W-0001", locale__language_code="en")
        other.save_revision().publish()
        assert store.current() == version  # not before the commit: a download now would keep old rows
    assert sum(getattr(callback, "after_commit", None) is refresh._refreshes for callback in callbacks) == 1  # once
    for callback in callbacks:
        callback()
    assert store.current() != version
    assert "Robots that clean drains" in download("wishes.en.csv").decode()


def test_a_new_version_removes_the_files_of_older_ones(catalogue, settings):
    download("categories.en.csv")
    old = store.current()
    assert old.path("categories.en.csv").exists()
    store.refresh()
    download("categories.en.csv")
    assert store.current().path("categories.en.csv").exists()
    assert not old.path("categories.en.csv").parent.exists()


def test_a_cache_that_lost_the_version_changes_neither_the_time_nor_the_files(catalogue):
    # Redis evicted or flushed: the open data page's "last updated", the ETags and the kept files stay.
    client = Client()
    store.refresh()
    first = client.get("/open-data/wishes.en.csv")
    b"".join(first.streaming_content)
    page = client.get("/en/open-data/").content.decode()
    store.cache().delete(store.KEY)

    again = client.get("/open-data/wishes.en.csv")
    assert isinstance(again, FileResponse)  # the file kept in the version, not an export made again
    b"".join(again.streaming_content)
    assert again["ETag"] == first["ETag"] and again["Last-Modified"] == first["Last-Modified"]
    store.cache().delete(store.KEY)
    assert client.get("/en/open-data/").content.decode() == page
