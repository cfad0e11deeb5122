"""The admin's dashboard: submissions waiting for review, the next InnoDays' seats and this week's
alerts, each shown to those who may see what it counts, in their language."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.users.models import UserProfile

from innodays import registration as seats
from notifications.models import Alert, Announcement
from tests.html import links, soup, text
from tests.notifications.builders import subscriber
from tests.submissions.helpers import logged_in, reviewer
from tests.submissions.test_admin import sent_wish


def superuser(language="en"):
    user = get_user_model().objects.create_superuser("chief", "chief@emsd.gov.hk", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return logged_in(user)


def alert_sent(days_ago, email, announcement):
    at = timezone.now() - datetime.timedelta(days=days_ago)
    return Alert.objects.create(
        announcement=announcement, subscription=subscriber(email), status=Alert.Status.SENT, created_at=at, sent_at=at
    )


def some_of_everything(innoday):
    submission = sent_wish()
    seats.register(
        innoday["en"], name="Chan Tai Man", email="tm.chan@example.hk", organisation="HKU", sector="university"
    )
    announcement = Announcement.objects.create(kind="wish", item_key=innoday["en"].translation_key, title="A wish")
    alert_sent(2, "recent@example.hk", announcement)
    alert_sent(10, "earlier@example.hk", announcement)
    Alert.objects.create(announcement=announcement, subscription=subscriber("digest@example.hk", frequency="weekly"))
    return submission


def panel(page, name):
    section = page.select_one(f"#{name}-section")
    assert section is not None, f"no {name} panel"
    return section


def counts(section):
    return {cell["data-count"]: text(cell) for cell in section.select("[data-count]")}


def test_the_dashboard_shows_waiting_submissions_upcoming_innodays_and_this_weeks_alerts(catalogue, innoday):
    submission = some_of_everything(innoday)
    page = soup(superuser().get("/admin/"))

    waiting = panel(page, "waiting-submissions")
    assert text(waiting.select_one("h2")) == "Submissions waiting for review"
    assert counts(waiting) == {"waiting": "1 submission is waiting for review."}
    row = waiting.select_one("tbody tr")
    assert text(row.select_one("th[scope=row]")) == "Lift door sensors that see children"
    assert "Electrical and Mechanical Services Department" in text(row) and "Submitted" in text(row)
    assert links(row) == {
        "Lift door sensors that see children": f"/admin/submissions/inspect/{submission.pk}/",
        "Vet its page": f"/admin/pages/{submission.page_id}/edit/",
    }
    assert links(waiting)["See all submissions"] == "/admin/submissions/"

    days = panel(page, "upcoming-innodays")
    assert text(days.select_one("h2")) == "Upcoming InnoDays"
    row = days.select_one("tbody tr")
    assert text(row.select_one("th[scope=row]")) == "InnoDay: smart buildings"
    assert counts(days) == {"left": "1", "confirmed": "1 of 2", "waitlisted": "0"}
    assert links(row)["InnoDay: smart buildings"].startswith("/admin/innodays/registrations/?event_key=")
    assert len(days.select("tbody tr")) == 1  # one row per InnoDay, not per language

    alerts = panel(page, "alerts-this-week")
    assert text(alerts.select_one("h2")) == "Alerts this week"
    assert counts(alerts) == {"sent": "1", "undelivered": "0", "waiting": "1"}
    assert links(alerts)["See the alerts overview"] == "/admin/alerts/"

    for section in (waiting, days, alerts):
        assert all(th.get("scope") in ("col", "row") for th in section.select("th"))
        assert section.select_one("caption")


def test_the_dashboard_speaks_the_editors_language(catalogue, innoday):
    some_of_everything(innoday)
    page = soup(superuser("zh-hant").get("/admin/"))
    assert text(panel(page, "waiting-submissions").select_one("h2")) == "等候審核的提交項目"
    assert "機電工程署" in text(panel(page, "waiting-submissions"))
    assert text(panel(page, "upcoming-innodays").select_one("h2")) == "即將舉行的創科日"
    assert "創科日：智慧建築" in text(panel(page, "upcoming-innodays"))
    assert text(panel(page, "alerts-this-week").select_one("h2")) == "本星期的通知"


def test_each_panel_is_shown_to_those_who_may_see_what_it_counts(catalogue, innoday):
    some_of_everything(innoday)
    page = soup(reviewer("panel", "Vetting panel").get("/admin/"))
    assert counts(panel(page, "waiting-submissions"))["waiting"] == "1 submission is waiting for review."
    assert page.select_one("#upcoming-innodays-section") is None
    assert page.select_one("#alerts-this-week-section") is None
