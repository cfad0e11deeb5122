"""The loop, as the issue's "done when" has it: from a newly published wish to a confirmed match, a
started trial and a published report, nothing retyped, and the public wish page showing each step."""

import datetime

from catalogue.models import Solution, TrialPage, WishPage
from matching.models import Suggestion
from tests.html import soup, text
from tests.notifications.builders import publish_new_wish
from tests.submissions.helpers import reviewer


def test_from_a_new_wish_to_a_published_report(client, catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish_new_wish("W-0100", "Robots for drain cleaning in tunnels", "清理隧道渠道的機械人")
    wish = WishPage.objects.get(item__key="W-0100", locale__language_code="en")
    best = Suggestion.objects.filter(wish=wish.item).first()
    assert best.solution == Solution.objects.get(key="S-0002")  # the drain robot, suggested by the worker

    office = reviewer("office", "Inno Office")
    office.post(f"/admin/matching/wish/{wish.item_id}/", {"solution": best.solution_id, "decision": "confirmed"})
    match = best.solution.matches.get()
    edit = office.post(f"/admin/matching/wish/{wish.item_id}/", {"start_trial": match.pk})["Location"]
    trial = TrialPage.objects.get(pk=int(edit.strip("/").split("/")[-2]))
    assert trial.item.wish == wish.item and trial.item.solution == best.solution  # nothing retyped

    trial.venue = "Tai Po tunnel"
    trial.report_summary = "Cleaned 2 km of drains a night."
    trial.set_facts(
        status="completed",
        start_date=datetime.date(2026, 6, 1),
        end_date=datetime.date(2026, 10, 31),
        final_report_on=datetime.date(2026, 11, 20),
    )
    trial.save_revision().publish()

    steps = soup(client.get(wish.url)).select("#timeline li")
    done = [text(step.find("strong")) for step in steps if "timeline__step--done" in step["class"]]
    assert done == ["Posted", "Matched", "Field trial started", "Verified report published"]
    timeline = text(soup(client.get(wish.url)).select_one("#timeline"))
    assert "Cleaned" not in timeline and trial.title in timeline
