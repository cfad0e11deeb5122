"""Reviewers in the admin: the page under vetting opens for the group whose step it is, with its
actions; the submission's private details are there for them and for no one else."""

import datetime

from django.utils import timezone

from catalogue.models import WishPage
from submissions.models import Submission
from tests.submissions.helpers import fill, logged_in, member, reviewer
from tests.submissions.test_wishes import wish_form


def sent_wish():
    from catalogue.models import TechnologyCategory

    client = logged_in(member("officer.chan@emsd.gov.hk", "emsd"))
    robotics = TechnologyCategory.objects.get(key="robotics", locale__language_code="en")
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    fill(client, "/en/my/submissions/new/wish/", wish_form(deadline) | {"categories": [str(robotics.pk)]})
    return Submission.objects.get()


def test_the_vetting_panel_opens_the_page_under_vetting_with_its_actions(catalogue):
    submission = sent_wish()
    panel = reviewer("panel", "Vetting panel")
    editor = panel.get(f"/admin/pages/{submission.page_id}/edit/")
    assert editor.status_code == 200
    html = editor.content.decode()
    assert "Request changes" in html and "Reject" in html and "Approve" in html
    dashboard = panel.get("/admin/").content.decode()
    assert "Lift door sensors that see children" in dashboard  # awaiting their review
    # Not a page that is not theirs to vet, nor the Publication step's page before it gets there.
    other = WishPage.objects.get(item__key="W-0001", locale__language_code="en")
    assert panel.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
    office = reviewer("office", "Inno Office")
    assert "Approve" not in office.get(f"/admin/pages/{submission.page_id}/edit/").content.decode()


def test_the_private_details_are_shown_to_reviewers_only(catalogue):
    submission = sent_wish()
    panel = reviewer("panel", "Vetting panel")
    inspect = panel.get(f"/admin/submissions/inspect/{submission.pk}/")
    assert inspect.status_code == 200 and "Chan Tai Man" in inspect.content.decode()
    provider = logged_in(member("me@example.hk", "polyu"))
    assert provider.get(f"/admin/submissions/inspect/{submission.pk}/").status_code == 302  # to the admin log-in
    assert provider.get(f"/en/my/submissions/{submission.pk}/").status_code == 404
