"""A department's wish, from its staff's form to a published, numbered wish that alerts subscribers;
its contact person never public; a submission rejected outright stays rejected."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from catalogue.models import WishPage
from submissions.models import Submission
from tests.html import soup, text
from tests.notifications.builders import subscriber
from tests.submissions.helpers import act, fill, logged_in, member, reviewer

pytestmark = pytest.mark.django_db(transaction=True)  # emails and alerts leave when each step commits


def department_user():
    return logged_in(member("officer.chan@emsd.gov.hk", "emsd"))


def wish_form(deadline):
    return {
        "en-title": "Lift door sensors that see children",
        "en-summary": "Detect small passengers at lift doors.",
        "en-service_need": "Lift doors close on small children.",
        "en-expected_outcome": "No door strikes.",
        "zh-hant-title": "能偵測兒童的升降機門感應器",
        "zh-hant-summary": "在升降機門偵測細小乘客。",
        "zh-hant-service_need": "升降機門會夾到小朋友。",
        "zh-hant-expected_outcome": "不再夾到乘客。",
        "deadline": deadline.isoformat(),
        "contact_name": "Chan Tai Man",
        "contact_email": "tm.chan@emsd.gov.hk",
        "contact_phone": "2808 3000",
    }


def test_a_department_wish_in_both_languages_is_published_numbered_and_alerted(client, catalogue):
    from catalogue.models import TechnologyCategory

    follower = subscriber("follower@example.hk", language="zh-hant", categories=["robotics"])
    client = department_user()
    robotics = TechnologyCategory.objects.get(key="robotics", locale__language_code="en")
    deadline = timezone.localdate() + datetime.timedelta(days=60)
    fill(client, "/zh-hant/my/submissions/new/wish/", wish_form(deadline) | {"categories": [str(robotics.pk)]})
    submission = Submission.objects.get()
    assert submission.stage == "submitted" and submission.language == "zh-hant"

    act(reviewer("panel", "Vetting panel"), submission.page, "approve")
    act(reviewer("office", "Inno Office"), submission.page, "approve")

    english = WishPage.objects.get(locale__language_code="en", item__key=submission.item.key)
    chinese = WishPage.objects.get(locale__language_code="zh-hant", item__key=submission.item.key)
    assert english.live and chinese.live and english.item_id == chinese.item_id
    assert submission.page_id == chinese.pk  # the author wrote in Chinese: that page was vetted
    assert english.url.endswith("/en/wishes/lift-door-sensors-that-see-children/")
    assert re.fullmatch(rf"W-{timezone.localdate().year}-\d{{4}}", english.item.number)
    assert english.item.deadline == deadline and english.item.status == "open"
    visitor = client
    for page in (english, chinese):
        public = text(soup(visitor.get(page.url)))
        assert english.item.number in public
        assert "Chan Tai Man" not in public and "tm.chan" not in public and "2808 3000" not in public
    api = visitor.get(f"/api/v2/pages/{english.pk}/?fields=*").content.decode()
    assert "Chan Tai Man" not in api and "tm.chan" not in api

    alert = [m for m in mail.outbox if m.to == [follower.email]]
    assert alert and "能偵測兒童的升降機門感應器" in alert[0].body
    authors = [m for m in mail.outbox if m.to == ["officer.chan@emsd.gov.hk"]]
    assert [english.item.number in m.subject for m in authors][-1]
    assert any("審核" in m.subject for m in authors)  # in the language the author used


def test_a_rejected_submission_tells_why_and_cannot_be_sent_again(catalogue):
    from catalogue.models import TechnologyCategory

    client = department_user()
    robotics = TechnologyCategory.objects.get(key="robotics", locale__language_code="en")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    fill(client, "/en/my/submissions/new/wish/", wish_form(deadline) | {"categories": [str(robotics.pk)]})
    submission = Submission.objects.get()
    mail.outbox.clear()

    panel = reviewer("panel", "Vetting panel")
    act(panel, submission.page, "decline", comment="This is a maintenance matter, not innovation.")
    submission.refresh_from_db()
    assert submission.stage == "rejected"
    [email] = mail.outbox
    assert "not innovation" in email.body and email.to == ["officer.chan@emsd.gov.hk"]
    assert not WishPage.objects.get(pk=submission.page_id).live
    response = client.get(f"/en/my/submissions/{submission.pk}/edit/")
    assert response.status_code == 302  # back to its status page: nothing to edit
    assert "not innovation" in text(soup(client.get(f"/en/my/submissions/{submission.pk}/")))


def test_declining_needs_a_reason(catalogue):
    from catalogue.models import TechnologyCategory

    client = department_user()
    robotics = TechnologyCategory.objects.get(key="robotics", locale__language_code="en")
    fill(
        client,
        "/en/my/submissions/new/wish/",
        wish_form(timezone.localdate() + datetime.timedelta(days=9)) | {"categories": [str(robotics.pk)]},
    )
    submission = Submission.objects.get()
    act(reviewer("panel", "Vetting panel"), submission.page, "decline", comment="")
    submission.refresh_from_db()
    assert submission.stage == "submitted"
