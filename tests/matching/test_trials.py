"""Trials from confirmed matches, with nothing typed twice; the trial's lifecycle facts on its public
page; the editors' reminder when a trial passes its planned end without a report, through the worker."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from catalogue.models import Solution, Trial, TrialPage, Wish
from matching.models import Match
from tests.html import soup, text
from tests.submissions.helpers import reviewer


def confirmed(office):
    wish, solution = Wish.objects.get(key="W-0002"), Solution.objects.get(key="S-0002")
    office.post(f"/admin/matching/wish/{wish.pk}/", {"solution": solution.pk, "decision": "confirmed"})
    return Match.objects.get(wish=wish, solution=solution, decision="confirmed")


def test_start_a_trial_from_a_confirmed_match_fills_in_what_is_known(catalogue):
    office = reviewer("office", "Inno Office")
    match = confirmed(office)
    response = office.post(f"/admin/matching/wish/{match.wish_id}/", {"start_trial": match.pk})
    page = TrialPage.objects.get(item__wish=match.wish, item__solution=match.solution)
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.locale.language_code == "en"
    assert page.title == "Drain inspection robot for Robots to clean drains"
    trial = page.item
    assert trial.trial_type == "prototype-test" and trial.status == "planned"
    assert office.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    office.post(f"/admin/matching/wish/{match.wish_id}/", {"start_trial": match.pk})  # again: the same trial
    assert TrialPage.objects.filter(item__wish=match.wish, item__solution=match.solution).count() == 1
    assert "Open the trial" in office.get(f"/admin/matching/wish/{match.wish_id}/").content.decode()


def test_only_a_confirmed_match_starts_a_trial(catalogue):
    office = reviewer("office", "Inno Office")
    wish, solution = Wish.objects.get(key="W-0002"), Solution.objects.get(key="S-0002")
    office.post(f"/admin/matching/wish/{wish.pk}/", {"solution": solution.pk, "decision": "shortlisted"})
    match = Match.objects.get()
    office.post(f"/admin/matching/wish/{wish.pk}/", {"start_trial": match.pk})
    assert not TrialPage.objects.filter(item__wish=wish, item__solution=solution).exists()


def test_the_public_trial_page_shows_its_lifecycle_in_both_languages(client, catalogue):
    for lang, words in (
        ("en", ["Public Sector Trial Scheme", "40%", "Site"]),
        ("zh-hant", ["公營機構試用計劃", "40%"]),
    ):
        page = TrialPage.objects.get(item__key="T-0001", locale__language_code=lang)
        page.set_facts(
            status="in-progress",
            funding_route="psts",
            percent_complete=40,
            planned_start=datetime.date(2026, 1, 5),
            planned_end=datetime.date(2027, 3, 31),
        )
        page.save_revision().publish()
        shown = text(soup(client.get(page.url)).select_one("main"))
        for word in words:
            assert word in shown, (lang, word)


@pytest.mark.django_db(transaction=True)
def test_editors_are_reminded_once_when_a_trial_passes_its_planned_end_without_a_report(catalogue, settings):
    from django.contrib.auth import get_user_model
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    reviewer("office", "Inno Office")
    get_user_model().objects.create_superuser("chief", "chief@emsd.gov.hk", "pw")
    reviewer("panel", "Vetting panel")  # not an editor: not reminded
    trial = Trial.objects.get(key="T-0001")
    trial.status, trial.planned_end = "in-progress", timezone.localdate() - datetime.timedelta(days=3)
    trial.save()
    reminders = DBTaskResult.objects.filter(task_path="matching.trials.remind_if_overdue")
    assert reminders.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == ["chief@emsd.gov.hk", "office@emsd.gov.hk"]
    assert "T-" in mail.outbox[0].subject and "planned end" in mail.outbox[0].subject

    mail.outbox.clear()
    trial.save()  # saved again with the same date: no second reminder
    from matching.trials import remind_if_overdue

    remind_if_overdue.call(trial.pk, trial.planned_end.isoformat())
    assert not mail.outbox

    trial.status = "withdrawn"
    trial.planned_end = timezone.localdate() - datetime.timedelta(days=1)
    trial.save()
    reminders.update(run_after=timezone.now() - datetime.timedelta(minutes=1))
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert not mail.outbox  # withdrawn: nothing to remind of
