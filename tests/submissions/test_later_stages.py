"""After publication: a field trial moves the author's submission on (emailed); a department sees the
solutions proposed for its wishes; an editor publishing directly still gives the page its photos;
the admin's history records who did what."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import PageLogEntry

from catalogue.models import SolutionPage
from submissions.models import Submission
from tests.content import bilingual
from tests.html import soup, text
from tests.notifications.builders import import_items
from tests.submissions.helpers import act, fill, logged_in, member, reviewer
from tests.submissions.test_permissions import png
from tests.submissions.test_privacy import first_category

COMPLETE = {"en-title": "Drain crawler", "en-summary": "S", "en-description": "D", "trl": "6"}


def sent_solution(client, **extra):
    fill(
        client,
        "/en/my/submissions/new/solution/?wish=W-0002",
        COMPLETE | {"categories": [str(first_category())]},
        extra,
    )
    return Submission.objects.get(texts__title="Drain crawler")


def published(client):
    submission = sent_solution(client)
    act(reviewer("panel", "Vetting panel"), submission.page, "approve")
    act(reviewer("office", "Inno Office"), submission.page, "approve")
    submission.refresh_from_db()
    assert submission.stage == "published"
    return submission


def test_a_field_trial_of_my_solution_moves_my_submission_on_and_tells_me(
    catalogue, django_capture_on_commit_callbacks
):
    author = logged_in(member("me@example.hk", "polyu"))
    submission = published(author)
    trial = bilingual(
        "trial",
        "T-0100",
        {"title": "Crawler in Sha Tin", "summary": "S", "venue": "Sha Tin"},
        {"title": "沙田試驗", "summary": "摘要", "venue": "沙田"},
        wish="W-0002",
        solution=submission.item.key,
        trial_type="prototype-test",
        status="in-progress",
        start="2026-11-01",
    )
    mail.outbox.clear()
    from catalogue.importer.schema import ImportFileError

    with django_capture_on_commit_callbacks(execute=True):
        try:
            import_items(trial)
        except ImportFileError as e:
            raise AssertionError(e.errors) from e
    submission.refresh_from_db()
    assert submission.stage == "in-trial"
    assert [m.to for m in mail.outbox] == [["me@example.hk"]] and "field trial" in mail.outbox[0].body
    assert "In trial" in text(soup(author.get("/en/my/submissions/")).select_one("#submissions"))


def test_a_department_sees_the_solutions_proposed_for_its_wishes(catalogue):
    published(logged_in(member("me@example.hk", "polyu")))
    department = logged_in(member("officer.chan@emsd.gov.hk", "emsd"))
    section = soup(department.get("/en/my/submissions/")).select_one("[aria-labelledby=proposals-heading]")
    assert "Drain crawler" in text(section) and "Oil-free magnetic bearing chiller" in text(section)
    provider = logged_in(member("other@example.hk", "gdas"))
    assert not soup(provider.get("/en/my/submissions/")).select_one("[aria-labelledby=proposals-heading]")


def test_an_editor_publishing_directly_still_gives_the_page_its_photos(catalogue):
    author = logged_in(member("me@example.hk", "polyu"))
    submission = sent_solution(author, photos=png())
    editor = get_user_model().objects.create_superuser("editor", "editor@emsd.gov.hk", "pw")
    page = SolutionPage.objects.get(pk=submission.page_id)
    page.get_latest_revision().publish(user=editor)
    submission.refresh_from_db()
    page.refresh_from_db()
    assert submission.stage == "published" and page.live and page.gallery_images.count() == 1
    assert page.item.number and not page.workflow_in_progress
    assert "changes-requested" not in submission.history.values_list("stage", flat=True)


def test_the_admin_history_records_who_did_what(catalogue):
    author = logged_in(member("me@example.hk", "polyu"))
    submission = sent_solution(author)
    act(reviewer("panel", "Vetting panel"), submission.page, "reject", comment="Size?")
    entries = {
        (e.action, e.user.username if e.user else None) for e in PageLogEntry.objects.filter(page=submission.page_id)
    }
    assert ("wagtail.create", "me@example.hk") in entries
    assert ("wagtail.workflow.start", "me@example.hk") in entries
    assert ("wagtail.workflow.reject", "panel") in entries


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_form_sent_without_its_token_changes_nothing(catalogue, lang):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member("me@example.hk", "polyu"))
    response = client.post(f"/{lang}/my/submissions/new/solution/", COMPLETE | {"save": "1"})
    assert response.status_code == 403 and not Submission.objects.exists()


def test_my_submissions_takes_the_same_queries_for_one_or_many(catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    author = logged_in(member("me@example.hk", "polyu"))
    published(author)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert author.get("/en/my/submissions/").status_code == 200
        return len(captured)

    one = queries()
    for n in range(4):
        sent = COMPLETE | {"en-title": f"Crawler {n}", "categories": [str(first_category())]}
        fill(
            author,
            "/en/my/submissions/new/solution/",
            sent if n % 2 else {"en-title": f"Draft {n}"},
            button="send" if n % 2 else "save",
        )
    assert Submission.objects.filter(page__isnull=False).count() == 3
    assert queries() <= one


def test_a_confirmed_match_moves_my_submission_to_matched(catalogue, django_capture_on_commit_callbacks):
    author = logged_in(member("me@example.hk", "polyu"))
    submission = published(author)
    mail.outbox.clear()
    office = reviewer("office2", "Inno Office")
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            f"/admin/matching/wish/{submission.item.applicable_to.get().pk}/",
            {"solution": submission.item.pk, "decision": "confirmed"},
        )
    submission.refresh_from_db()
    assert submission.stage == "matched"
    assert any(m.to == ["me@example.hk"] and "matched" in m.body for m in mail.outbox)


def test_the_public_copy_of_a_photo_is_named_by_its_format_not_by_its_author(catalogue):
    author = logged_in(member("me@example.hk", "polyu"))
    photo = png()
    photo.name = "x.html"  # a real PNG, named to be served as a web page
    submission = sent_solution(author, photos=photo)
    act(reviewer("panel", "Vetting panel"), submission.page, "approve")
    act(reviewer("office", "Inno Office"), submission.page, "approve")
    image = SolutionPage.objects.get(pk=submission.page_id).gallery_images.get().image
    assert image.file.name.endswith(".png") and "x.html" not in image.file.name


def test_a_later_moderated_edit_of_the_published_page_is_not_vetting(catalogue, django_capture_on_commit_callbacks):
    from wagtail.models import Workflow

    author = logged_in(member("me@example.hk", "polyu"))
    submission = published(author)
    editor = get_user_model().objects.create_superuser("editor", "editor@emsd.gov.hk", "pw")
    page = SolutionPage.objects.get(pk=submission.page_id)
    page.title = "Drain crawler, edited"
    page.save_revision(user=editor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        state = Workflow.objects.get(name="Moderators approval").start(page, editor)
        state.current_task_state.task.specific.on_action(state.current_task_state.specific, editor, "reject")
    submission.refresh_from_db()
    assert submission.stage == "published" and not [m for m in mail.outbox if m.to == ["me@example.hk"]]


def test_the_language_under_vetting_cannot_be_emptied(catalogue):
    author = logged_in(member("me@example.hk", "polyu"))
    submission = sent_solution(author)
    act(reviewer("panel", "Vetting panel"), submission.page, "reject", comment="More detail")
    emptied = {f"en-{name}": "" for name in ("title", "summary", "description", "trial_needs")}
    emptied |= {"zh-hant-title": "渠道機械人", "zh-hant-summary": "摘要", "zh-hant-description": "說明"}
    response = fill(author, f"/en/my/submissions/{submission.pk}/edit/", emptied, status=400)
    assert "do not empty it" in text(soup(response, 400).select_one("#form-errors"))
    assert Submission.objects.get(pk=submission.pk).stage == "changes-requested"
