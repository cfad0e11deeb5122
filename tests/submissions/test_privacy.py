"""A person's submissions in their data export; deleting their account deletes the drafts they never
sent (and their files) and keeps what they sent, attributed to their organisation."""

import json
import os

from submissions.models import Submission
from tests.submissions.helpers import fill, logged_in, member
from tests.submissions.test_permissions import draft_with_photo


def test_my_submissions_are_in_my_data_and_drafts_go_with_my_account(catalogue, django_capture_on_commit_callbacks):
    user = member("me@example.hk", "polyu")
    client = logged_in(user)
    draft = draft_with_photo(client)
    photo_path = draft.attachments.get().file.path
    fill(
        client,
        "/en/my/submissions/new/solution/",
        {
            "en-title": "Sent one",
            "en-summary": "S",
            "en-description": "D",
            "trl": "4",
            "categories": [str(first_category())],
        },
    )
    sent = Submission.objects.get(texts__title="Sent one")
    assert sent.stage == "submitted"

    data = json.loads(client.get("/en/my/account/export/").content)
    titles = {s["texts"]["en"]["title"]: s for s in data["submissions"]}
    assert set(titles) == {"My secret crawler", "Sent one"}
    assert titles["My secret crawler"]["files"] == ["crawler.png"] and titles["Sent one"]["stage"] == "submitted"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/my/account/", {"password": "Tr1al-and-error"})
    assert response.status_code == 302
    assert not Submission.objects.filter(pk=draft.pk).exists() and not os.path.exists(photo_path)
    sent.refresh_from_db()
    assert sent.submitter is None and sent.organisation.key == "polyu" and sent.page is not None


def first_category():
    from catalogue.models import TechnologyCategory

    return TechnologyCategory.objects.filter(locale__language_code="en").first().pk
