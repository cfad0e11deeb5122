import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from innodays.models import Registration
from innodays.registration import seat_counts
from tests.html import soup, text

# Emails are queued when a registration commits, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

URL = {"en": "/en/innodays/innoday-test/", "zh-hant": "/zh-hant/innodays/innoday-test/"}


def person(n, **extra):
    return {
        "name": f"Person {n}",
        "email": f"person{n}@example.hk",
        "organisation": "HKUST",
        "sector": "university",
        "consent": "on",
        **extra,
    }


def register(client, n, lang="en", **extra):
    return client.post(URL[lang], person(n, **extra))


def statuses():
    return list(Registration.objects.order_by("created_at").values_list("email", "status"))


def test_seats_are_confirmed_up_to_capacity_then_waitlisted(client, innoday):
    assert "2 seats left." in text(soup(client.get(URL["en"])).select_one(".seats"))
    for n in (1, 2, 3):
        response = register(client, n)
        assert response.status_code == 302
    assert statuses() == [
        ("person1@example.hk", "confirmed"),
        ("person2@example.hk", "confirmed"),
        ("person3@example.hk", "waitlisted"),
    ]
    page = soup(client.get(URL["en"]))
    assert "All seats are taken" in text(page.select_one(".seats"))
    assert text(page.select_one(".registration button")) == "Join the waitlist"
    landing = soup(client.get(register(client, 4)["Location"]))
    assert text(landing.h1) == "You are on the waitlist"


def test_registrations_in_both_languages_share_the_seats(client, innoday):
    register(client, 1, "en")
    register(client, 2, "zh-hant")
    register(client, 3, "zh-hant")
    assert seat_counts(innoday["en"])["confirmed"] == 2
    assert Registration.objects.get(email="person3@example.hk").status == "waitlisted"
    assert Registration.objects.get(email="person2@example.hk").language == "zh-hant"


def test_confirmation_email_has_calendar_and_qr_code_in_the_registrants_language(client, innoday):
    register(client, 1, "zh-hant")
    [message] = mail.outbox
    assert message.to == ["person1@example.hk"]
    assert "創科日：智慧建築" in message.subject and "登記確認" in message.subject
    html = message.alternatives[0][0]
    assert 'lang="zh-Hant-HK"' in html and "cid:ticket" in html and "取消登記" in html
    assert "Person 1" in message.body and "/zh-hant/innodays/cancel/" in message.body
    ics = next(a for a in message.attachments if not hasattr(a, "get_content_type") and a[0].endswith(".ics"))
    calendar = ics[1] if isinstance(ics[1], str) else ics[1].decode()
    assert "BEGIN:VEVENT" in calendar and "創科日：智慧建築" in calendar
    images = [a for a in message.attachments if hasattr(a, "get_content_type")]
    assert [i.get_content_type() for i in images] == ["image/png"]
    assert images[0]["Content-ID"] == "<ticket>"


def test_waitlisted_people_are_promoted_in_order_when_someone_cancels(client, innoday):
    for n in (1, 2, 3, 4):
        register(client, n)
    first_cancel_link = next(line for line in mail.outbox[0].body.splitlines() if "/innodays/cancel/" in line)
    path = first_cancel_link.replace("http://testserver", "")
    mail.outbox.clear()

    confirm = soup(client.get(path))
    assert "Cancel my registration" in text(confirm.select_one("main form"))
    assert client.post(path).status_code == 302
    assert statuses() == [
        ("person1@example.hk", "cancelled"),
        ("person2@example.hk", "confirmed"),
        ("person3@example.hk", "confirmed"),
        ("person4@example.hk", "waitlisted"),
    ]
    [promoted] = mail.outbox
    assert promoted.to == ["person3@example.hk"] and promoted.subject.startswith("A seat is yours")
    assert any(a[0].endswith(".ics") for a in promoted.attachments if isinstance(a, tuple))
    # The link works once: cancelling again changes nothing.
    client.post(path)
    assert Registration.objects.filter(status="confirmed").count() == 2
    assert "This registration is cancelled." in text(soup(client.get(path)))


def test_a_tampered_cancel_link_is_refused(client, innoday):
    register(client, 1)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/innodays/cancel/" in line)
    path = link.replace("http://testserver", "")
    token = path.rstrip("/").split("/")[-1]
    tampered = path.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert client.post(tampered).status_code == 400
    assert client.get("/en/innodays/cancel/not-a-token/").status_code == 400
    assert statuses() == [("person1@example.hk", "confirmed")]


def test_the_same_email_twice_is_refused_kindly_and_the_confirmation_sent_again(client, innoday):
    register(client, 1)
    response = register(client, 1, email="PERSON1@example.hk", name="Someone else")
    assert response.status_code == 400
    assert "already registered for this InnoDay" in text(soup(response, 400).select_one("#form-errors"))
    assert Registration.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["person1@example.hk"], ["person1@example.hk"]]


def test_closed_and_not_yet_open_registration(client, site_tree):
    from tests.events.builders import build_innoday

    build_innoday(opens_in=-5, closes_in=-1, slug="closed-day")
    build_innoday(opens_in=2, closes_in=5, slug="later-day")
    closed = soup(client.get("/en/innodays/closed-day/"))
    assert closed.select_one(".registration form") is None and "Registration is closed." in text(closed)
    response = client.post("/en/innodays/closed-day/", person(1))
    assert "Registration is closed." in text(soup(response, 400)) and Registration.objects.count() == 0
    assert "Registration opens" in text(soup(client.get("/zh-hant/innodays/later-day/")).select_one(".notice")) or (
        "登記將於" in text(soup(client.get("/zh-hant/innodays/later-day/")).select_one(".notice"))
    )


def test_bad_input_gets_translated_errors_and_changes_nothing(client, innoday):
    response = client.post(URL["zh-hant"], {"name": "", "email": "not-an-email", "sector": "university"})
    assert response.status_code == 400
    errors = [text(e) for e in soup(response, 400).select(".field__error")]
    assert "請同意個人資料收集聲明以進行登記。" in errors
    assert "請輸入有效的電子郵件地址。" in errors and "必要欄位" in errors  # Django's own Chinese messages
    assert Registration.objects.count() == 0 and not mail.outbox


def test_errors_are_summed_up_at_the_top_and_every_invalid_input_is_marked(client, innoday):
    response = client.post(URL["en"], {"name": "", "email": "not-an-email", "sector": "university"})
    page = soup(response, 400)
    form = page.select_one("form.form")
    summary = form.select_one("#form-errors")
    elements = form.find_all(True)
    assert elements.index(summary) < elements.index(form.select_one(".field"))  # above the first field
    links = {a["href"]: text(a) for a in summary.select("a")}
    assert set(links) == {"#id_name", "#id_email", "#id_organisation", "#id_consent"}
    assert links["#id_email"].endswith("Enter a valid email address.")
    invalid = {i["name"] for i in page.select("form [aria-invalid=true]")}
    assert {"name", "email", "organisation", "consent"} <= invalid and "sector" not in invalid


def test_honeypot_catches_robots(client, innoday):
    response = register(client, 1, website="http://spam.example")
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_rate_limit_per_address(client, innoday, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/600"
    from django.core.cache import cache

    cache.clear()
    register(client, 1)
    register(client, 2)
    response = register(client, 3)
    assert response.status_code == 400
    assert "Too many attempts" in text(soup(response, 400))
    assert Registration.objects.count() == 2


def test_the_form_needs_its_csrf_token(innoday):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL["en"], person(1)).status_code == 403
    page = soup(strict.get(URL["en"]))
    token = page.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert strict.post(URL["en"], {**person(1), "csrfmiddlewaretoken": token}).status_code == 302


def test_personal_data_is_anonymised_after_the_innoday_keeping_the_counts(client, innoday, settings):
    for n in (1, 2, 3):
        register(client, n)
    from innodays.models import InnoDayPage
    from innodays.tasks import anonymise_registrations

    before = seat_counts(innoday["en"])
    InnoDayPage.objects.update(
        starts=timezone.now() - datetime.timedelta(days=40), ends=timezone.now() - datetime.timedelta(days=39)
    )
    assert anonymise_registrations.call(days=60) == 0  # not yet
    assert anonymise_registrations.call(days=30) == 3
    assert set(Registration.objects.values_list("name", "email", "organisation")) == {("", "", "")}
    innoday["en"].refresh_from_db()
    assert seat_counts(innoday["en"]) == before


def test_reminder_the_day_before_goes_through_the_worker(client, innoday, settings):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    register(client, 1)
    register(client, 2)
    assert not mail.outbox  # nothing is sent inside the request
    reminders = DBTaskResult.objects.filter(task_path="innodays.tasks.send_reminder")
    assert reminders.count() == 2
    expected = innoday["en"].starts - datetime.timedelta(days=1)
    assert all(abs((r.run_after - expected).total_seconds()) < 1 for r in reminders)

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert sorted(m.subject.split(":")[0] for m in mail.outbox) == ["Registration confirmed"] * 2

    Registration.objects.filter(email="person2@example.hk").update(status="cancelled")
    reminders.update(run_after=timezone.now() - datetime.timedelta(minutes=1))  # the day before has come
    mail.outbox.clear()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [(m.to, m.subject.split(":")[0]) for m in mail.outbox] == [(["person1@example.hk"], "Tomorrow")]


def test_a_registration_and_its_email_are_stored_together_or_not_at_all(innoday, settings):
    """The queued email is part of the registration's transaction: a registration is never stored
    without its email, and an email is never queued for a registration that was rolled back."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from innodays.registration import register as take_seat

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    emails = DBTaskResult.objects.filter(task_path="innodays.tasks.send_registration_email")
    details = {"name": "A", "organisation": "HKU", "sector": "university"}

    class DatabaseWentAway(Exception):
        pass

    with pytest.raises(DatabaseWentAway), transaction.atomic():
        take_seat(innoday["en"], email="gone@example.hk", **details)
        assert emails.count() == 1  # queued inside the transaction, not after it
        raise DatabaseWentAway
    assert not Registration.objects.exists() and not emails.exists()

    take_seat(innoday["en"], email="kept@example.hk", **details)
    assert [e.args_kwargs["args"][0] for e in emails] == [Registration.objects.get(email="kept@example.hk").pk]


def test_calendar_feed_and_add_to_calendar(client, innoday, site_tree):
    from tests.events.builders import build_innoday

    build_innoday(opens_in=-30, closes_in=-21, starts_in=-20, slug="past-day")
    feed = client.get("/innodays.ics?lang=zh-hant")
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert body.count("BEGIN:VEVENT") == 1 and "創科日：智慧建築" in body
    single = client.get(URL["en"] + "calendar/")
    assert "attachment;" in single["Content-Disposition"]
    start = innoday["en"].starts.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in single.content.decode()
    page = soup(client.get(URL["en"]))
    assert page.select_one(".facts a.button")["href"] == URL["en"] + "calendar/"


@pytest.mark.django_db(transaction=True)
def test_no_overbooking_under_concurrent_registrations(site_tree):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the concurrency guarantee is tested on PostgreSQL (SQLite runs one writer at a time)")
    import threading

    from django.db import connections

    from innodays.registration import RegistrationRefused
    from innodays.registration import register as register_seat
    from tests.events.builders import build_innoday

    page = build_innoday(capacity=15)["en"]
    barrier = threading.Barrier(40)
    errors = []

    def attempt(n):
        try:
            barrier.wait()
            register_seat(page, name=f"P{n}", email=f"p{n}@example.hk", organisation="X", sector="sme")
        except RegistrationRefused as refused:
            errors.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert seat_counts(page)["confirmed"] == 15
    assert seat_counts(page)["waitlisted"] == 25


def test_raising_the_capacity_promotes_the_waitlist_in_order(client, innoday):
    for n in (1, 2, 3, 4, 5):
        register(client, n)
    mail.outbox.clear()
    page = innoday["en"]
    page.capacity = 3
    page.save_revision().publish()
    assert [s for _e, s in statuses()] == ["confirmed", "confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [m.to for m in mail.outbox] == [["person3@example.hk"]]


def test_anonymise_command_for_a_daily_schedule(client, innoday):
    from io import StringIO

    from django.core.management import call_command

    from innodays.models import InnoDayPage

    register(client, 1)
    InnoDayPage.objects.update(ends=timezone.now() - datetime.timedelta(days=100))
    out = StringIO()
    call_command("anonymise_registrations", stdout=out)
    assert out.getvalue().strip() == "1 registration(s) anonymised (90 days after their InnoDay)."
    assert Registration.objects.get().email == ""
