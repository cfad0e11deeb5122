"""A submission is its author's: others can neither see nor change it, nor open its files; a provider
cannot propose a wish; nobody sends anything before their organisation is confirmed."""

import io

import pytest
from PIL import Image

from submissions.models import Submission
from tests.accounts.test_accounts import verified_user
from tests.html import soup, text
from tests.submissions.helpers import fill, logged_in, member, reviewer


def png(size=(20, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "crawler.png"
    return buffer


def draft_with_photo(client, lang="en"):
    fill(
        client,
        f"/{lang}/my/submissions/new/solution/",
        {f"{lang}-title": "My secret crawler"},
        {"photos": png()},
        button="save",
    )
    return Submission.objects.get(texts__title="My secret crawler")


def test_another_provider_can_neither_see_nor_change_my_draft_nor_open_its_photo(catalogue):
    mine = logged_in(member("me@example.hk", "polyu"))
    theirs = logged_in(member("them@example.hk", "polyu"))  # even a colleague of the same organisation
    submission = draft_with_photo(mine)
    photo = submission.attachments.get()
    assert mine.get(photo.get_absolute_url()).status_code == 200
    for url in (
        f"/en/my/submissions/{submission.pk}/",
        f"/en/my/submissions/{submission.pk}/edit/",
        photo.get_absolute_url(),
    ):
        assert theirs.get(url).status_code == 404, url
    assert (
        theirs.post(f"/en/my/submissions/{submission.pk}/edit/", {"en-title": "Mine now", "save": "1"}).status_code
        == 404
    )
    assert theirs.post(f"/en/my/submissions/{submission.pk}/delete/").status_code == 404
    assert "My secret crawler" not in theirs.get("/en/my/submissions/").content.decode()
    assert Submission.objects.get().title == "My secret crawler"


def test_files_under_review_are_private_to_the_author_and_the_reviewers(client, catalogue):
    author = logged_in(member("me@example.hk", "polyu"))
    photo = draft_with_photo(author).attachments.get()
    response = author.get(photo.get_absolute_url())
    assert response["Content-Type"] == "image/png" and "no-store" in response["Cache-Control"]
    assert client.get(photo.get_absolute_url()).status_code == 302  # anonymous: log in first
    panel = reviewer("panel", "Vetting panel")
    assert panel.get(photo.get_absolute_url()).status_code == 404  # a draft never sent is the author's alone
    from tests.submissions.test_privacy import first_category

    complete = {"en-summary": "S", "en-description": "D", "trl": "5", "categories": [str(first_category())]}
    fill(author, f"/en/my/submissions/{photo.submission_id}/edit/", complete)
    assert panel.get(photo.get_absolute_url()).status_code == 200  # sent: the reviewers see it
    assert photo.file.name.endswith(".png") and "crawler" not in photo.file.name  # stored under our name
    assert "/media/" not in photo.file.path and "private" in photo.file.path


def test_drafts_never_sent_stay_out_of_the_admin_listing(catalogue):
    author = logged_in(member("me@example.hk", "polyu"))
    draft_with_photo(author)
    panel = reviewer("panel", "Vetting panel")
    listing = panel.get("/admin/submissions/")
    assert listing.status_code == 200 and "My secret crawler" not in listing.content.decode()


def test_a_provider_cannot_propose_a_wish(catalogue):
    provider = logged_in(member("me@example.hk", "polyu"))
    response = provider.get("/zh-hant/my/submissions/new/wish/")
    assert response.status_code == 403 and "政府部門" in text(soup(response, 403).select_one("main"))
    assert provider.post("/en/my/submissions/new/wish/", {"en-title": "A wish", "send": "1"}).status_code == 403
    assert not Submission.objects.exists()


def test_an_unverified_user_may_draft_but_not_send(catalogue):
    client = logged_in(verified_user("new@example.hk"))
    url = "/en/my/submissions/new/solution/"
    assert "confirm your organisation" in text(soup(client.get(url)).select_one("main"))
    complete = {"en-title": "T", "en-summary": "S", "en-description": "D", "trl": "5"}
    response = fill(client, url, complete, status=400)
    assert "once the Inno Office has confirmed your organisation" in text(
        soup(response, 400).select_one("#form-errors")
    )
    fill(client, url, complete, button="save")
    assert Submission.objects.get().stage == "draft" and Submission.objects.get().page is None


@pytest.mark.parametrize(
    "upload, message",
    [
        (lambda: named(b"%PDF-1.4 not really an image", "photo.png"), "is not a JPEG, PNG or WebP image"),
        (lambda: named(b"<html><script>alert(1)</script>", "report.pdf"), "is not a PDF document"),
        (lambda: named(b"%PDF-1.4" + b"0" * (10 * 1024 * 1024), "big.pdf"), "is larger than 10 MB"),
    ],
)
def test_uploads_are_checked_and_a_bad_one_saves_nothing(catalogue, upload, message):
    client = logged_in(member("me@example.hk", "polyu"))
    file = upload()
    field = "photos" if file.name.endswith(".png") else "documents"
    url = "/en/my/submissions/new/solution/"
    response = fill(client, url, {"en-title": "T"}, {field: file}, button="save", status=400)
    errors = soup(response, 400)
    assert message in text(errors.select_one("#form-errors")) and message in text(errors.select_one(".field--error"))
    assert not Submission.objects.exists()


def test_too_many_documents_are_refused(catalogue):
    client = logged_in(member("me@example.hk", "polyu"))
    files = [named(b"%PDF-1.4 x", f"d{n}.pdf") for n in range(4)]
    response = fill(
        client, "/en/my/submissions/new/solution/", {"en-title": "T"}, {"documents": files}, button="save", status=400
    )
    assert "at most 3 PDF documents" in text(soup(response, 400).select_one("#form-errors"))


def test_a_bot_filling_the_honeypot_is_refused(catalogue):
    client = logged_in(member("me@example.hk", "polyu"))
    fill(
        client,
        "/en/my/submissions/new/solution/",
        {"en-title": "T", "website": "http://spam"},
        button="save",
        status=400,
    )
    assert not Submission.objects.exists()


def named(content, name):
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def test_too_many_saves_from_one_address_are_refused_and_change_nothing(catalogue, settings):
    from django.core.cache import cache

    settings.SUBMISSIONS_RATE_LIMIT = "2/600"
    cache.clear()
    client = logged_in(member("me@example.hk", "polyu"))
    url = "/en/my/submissions/new/solution/"
    for n in range(2):
        fill(client, url, {"en-title": f"Draft {n}"}, button="save")
    response = fill(client, url, {"en-title": "Draft 3"}, button="save", status=400)
    assert "Too many attempts" in text(soup(response, 400).select_one("#form-errors"))
    assert Submission.objects.count() == 2
    cache.clear()
