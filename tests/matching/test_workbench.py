"""The matching workbench: only editors (the Inno Office) match; a confirmed match records who, when
and why, marks the wish matched and tells the provider and the department by email; rejecting
needs a reason and drops the suggestion; a newly published wish gets its suggestions from the worker."""

import pytest
from django.core import mail

from catalogue.models import Solution, Wish
from matching.models import Match, Suggestion
from tests.html import soup, text
from tests.notifications.builders import publish_new_wish
from tests.submissions.helpers import logged_in, member, reviewer


def workbench(client, wish):
    return client.get(f"/admin/matching/wish/{wish.pk}/")


def test_only_editors_open_the_workbench(catalogue):
    wish = Wish.objects.get(key="W-0002")
    assert workbench(reviewer("panel", "Vetting panel"), wish).status_code in (302, 403)
    assert workbench(logged_in(member("me@example.hk", "polyu")), wish).status_code == 302  # to the admin log-in
    office = reviewer("office", "Inno Office")
    page = soup(workbench(office, wish))
    assert "Drain inspection robot" in text(page.select_one("#suggested"))
    assert "shares Robotics applications" in text(page.select_one("#suggested"))
    assert office.get("/admin/matching/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_confirming_a_match_records_it_marks_the_wish_and_emails_both_sides(catalogue):
    wish, solution = Wish.objects.get(key="W-0002"), Solution.objects.get(key="S-0002")
    provider = member("maker@gdas.example.cn", "gdas")
    department = member("officer.chan@emsd.gov.hk", "emsd")
    member("someone@polyu.example.hk", "polyu")  # not concerned
    office = reviewer("office", "Inno Office")
    response = office.post(
        f"/admin/matching/wish/{wish.pk}/",
        {"solution": solution.pk, "decision": "confirmed", "reason": "Crawls drains of this size."},
    )
    assert response.status_code == 302
    match = Match.objects.get(wish=wish, solution=solution)
    assert match.decision == "confirmed" and match.decided_by.username == "office" and match.decided_at
    assert Wish.objects.get(pk=wish.pk).status == "matched"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([provider.email, department.email])
    assert all("Robots to clean drains" in m.body and "Crawls drains" in m.body for m in mail.outbox)
    page = soup(workbench(office, wish))
    assert "Confirmed" in text(page.select_one("#suggested")) and "office" in text(page.select_one("#suggested"))


def test_rejecting_needs_a_reason_and_drops_the_suggestion(catalogue):
    wish, solution = Wish.objects.get(key="W-0002"), Solution.objects.get(key="S-0002")
    office = reviewer("office", "Inno Office")
    workbench(office, wish)  # computes the suggestions
    assert Suggestion.objects.filter(wish=wish, solution=solution).exists()
    office.post(f"/admin/matching/wish/{wish.pk}/", {"solution": solution.pk, "decision": "rejected", "reason": ""})
    assert not Match.objects.exists()
    office.post(
        f"/admin/matching/wish/{wish.pk}/", {"solution": solution.pk, "decision": "rejected", "reason": "Too big."}
    )
    assert Match.objects.get().decision == "rejected"
    assert not Suggestion.objects.filter(wish=wish, solution=solution).exists()
    office.post(f"/admin/matching/wish/{wish.pk}/", {"recompute": "1"})
    assert not Suggestion.objects.filter(wish=wish, solution=solution).exists()  # a rejection stays


def test_a_newly_published_wish_gets_its_suggestions(catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish_new_wish("W-0100", "Robots for drain cleaning in tunnels", "清理隧道渠道的機械人")
    suggested = Suggestion.objects.filter(wish__key="W-0100").select_related("solution")
    assert "S-0002" in [s.solution.key for s in suggested][:2]


def test_a_solution_still_under_vetting_cannot_be_matched(catalogue):
    from tests.submissions.test_later_stages import sent_solution

    author = logged_in(member("me@example.hk", "polyu"))
    submission = sent_solution(author)  # proposed for W-0002, not yet published
    wish = Wish.objects.get(key="W-0002")
    office = reviewer("office", "Inno Office")
    assert "Drain crawler" not in text(soup(workbench(office, wish)).select_one("#proposed"))
    office.post(f"/admin/matching/wish/{wish.pk}/", {"solution": submission.item.pk, "decision": "confirmed"})
    assert not Match.objects.exists() and Wish.objects.get(pk=wish.pk).status == "open"
