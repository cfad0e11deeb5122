"""The organisers' tools in the Wagtail admin, tested as an organiser would use them."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Locale

from innodays import registration as seats
from innodays.models import InnoDayIndexPage, InnoDayPage, Registration
from innodays.tokens import make_token

Status = Registration.Status
REGISTRATIONS = "/admin/innodays/registrations/"


@pytest.fixture(autouse=True)
def no_emails(settings):
    # Registration emails are covered elsewhere; here they would only slow the tests down.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def organiser(client, db):
    user = get_user_model().objects.create_superuser("organiser", "organiser@example.gov.hk", "pw")
    client.force_login(user)
    return client


def make_innoday(parent, title, *, capacity=2, locale=None, translation_of=None, days=30):
    now = timezone.now()
    page = InnoDayPage(
        title=title,
        intro="Universities and start-ups present their solutions.",
        starts=now + datetime.timedelta(days=days),
        ends=now + datetime.timedelta(days=days, hours=4),
        venue="EMSD Headquarters",
        capacity=capacity,
        registration_opens=now - datetime.timedelta(days=1),
        registration_closes=now + datetime.timedelta(days=days - 1),
    )
    if translation_of is not None:
        page.locale = locale
        page.translation_key = translation_of.translation_key
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def index(site_tree):
    index = InnoDayIndexPage(title="InnoDays", slug="innodays")
    site_tree["en"].add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def innoday_2027(index):
    return make_innoday(index, "InnoDay 2027: smart buildings")


def register(page, name, organisation="PolyU"):
    email = name.lower().replace(" ", ".") + "@example.edu.hk"
    return seats.register(page, name=name, email=email, organisation=organisation, sector="university", language="en")


@pytest.fixture
def people(innoday_2027):
    """Capacity 2: Alice and Bob are confirmed, Carol waits."""
    return {name.split()[0].lower(): register(innoday_2027, name) for name in ("Alice Chan", "Bob Wong", "Carol Lee")}


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# The registrations listing


def test_the_listing_shows_registrations_and_filters_by_status(organiser, people):
    response = organiser.get(REGISTRATIONS)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Alice Chan", "Bob Wong", "Carol Lee"):
        assert name in html
    assert "InnoDay 2027: smart buildings" in html

    response = organiser.get(REGISTRATIONS, {"status": "waitlisted"})
    html = response.content.decode()
    assert "Carol Lee" in html
    assert "Alice Chan" not in html and "Bob Wong" not in html


def test_the_listing_searches_by_name_email_and_organisation(organiser, innoday_2027):
    register(innoday_2027, "Alice Chan", organisation="HKUST")
    register(innoday_2027, "Bob Wong", organisation="PolyU")
    html = organiser.get(REGISTRATIONS, {"q": "hkust"}).content.decode()
    assert "Alice Chan" in html and "Bob Wong" not in html
    html = organiser.get(REGISTRATIONS, {"q": "bob.wong@"}).content.decode()
    assert "Bob Wong" in html and "Alice Chan" not in html


def test_registrations_are_not_added_edited_or_deleted_in_the_admin(organiser, people):
    for view in ("add", "edit", "delete", "copy"):
        with pytest.raises(NoReverseMatch):
            reverse(f"innoday_registrations:{view}", args=[] if view == "add" else [people["alice"].pk])
    assert organiser.get(f"{REGISTRATIONS}new/").status_code == 404
    assert organiser.get(f"{REGISTRATIONS}edit/{people['alice'].pk}/").status_code == 404
    inspect = organiser.get(reverse("innoday_registrations:inspect", args=[people["alice"].pk]))
    assert inspect.status_code == 200 and "alice.chan@example.edu.hk" in inspect.content.decode()


def test_the_csv_export_holds_the_registrants_of_the_filtered_innoday_only(organiser, index, people, innoday_2027):
    other = make_innoday(index, "InnoDay 2028: robotics", days=60)
    register(other, "Dave Ho")
    response = organiser.get(REGISTRATIONS, {"event_key": innoday_2027.event_key, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="innoday-registrations.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Name",
        "Email",
        "Organisation",
        "Sector",
        "Status",
        "Registered at",
        "Attended at",
        "InnoDay",
    ]
    assert [row[0] for row in rows[1:]] == ["Alice Chan", "Bob Wong", "Carol Lee"]
    assert rows[3][1:5] == ["carol.lee@example.edu.hk", "PolyU", "University", "Waitlisted"]
    assert {row[7] for row in rows[1:]} == {"InnoDay 2027: smart buildings"}

    everyone = organiser.get(REGISTRATIONS, {"export": "csv"})
    assert "Dave Ho" in b"".join(everyone.streaming_content).decode()


def test_the_admin_menu_offers_the_organisers_tools(organiser, people):
    html = organiser.get("/admin/").content.decode()
    assert "InnoDay registrations" in html
    assert reverse("innoday_overview") in html


# The InnoDays overview


def test_the_overview_counts_seats_and_links_to_the_tools(organiser, people, innoday_2027):
    seats.cancel(people["bob"])  # Carol moves up from the waitlist
    seats.mark_attended(people["alice"])
    register(innoday_2027, "Dave Ho")  # waits

    response = organiser.get(reverse("innoday_overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "InnoDay 2027: smart buildings" in html
    for count, value in {"capacity": 2, "confirmed": 2, "waitlisted": 1, "cancelled": 1, "attended": 1}.items():
        assert f'data-count="{count}">{value}<' in html
    assert f"{REGISTRATIONS}?event_key={innoday_2027.event_key}" in html
    assert reverse("innoday_check_in_list", args=[innoday_2027.pk]) in html
    assert f"/admin/pages/{innoday_2027.pk}/edit/" in html


def test_the_overview_shows_an_innoday_once_in_both_languages(organiser, site_tree, index, innoday_2027):
    chinese = Locale.objects.get(language_code="zh-hant")
    zh_index = InnoDayIndexPage(title="創新日", slug="innodays", locale=chinese, translation_key=index.translation_key)
    site_tree["zh-hant"].add_child(instance=zh_index)
    zh_day = make_innoday(zh_index, "創新日 2027：智慧建築", locale=chinese, translation_of=innoday_2027)
    register(zh_day, "Eva Lam")
    html = organiser.get(reverse("innoday_overview")).content.decode()
    assert html.count('data-count="capacity"') == 1
    assert "InnoDay 2027: smart buildings" in html and "創新日 2027" not in html
    assert 'data-count="confirmed">1<' in html
    assert f"/admin/pages/{innoday_2027.pk}/edit/" in html


# Manual promotion


def test_an_organiser_promotes_above_the_capacity_with_a_warning(organiser, people):
    listing = organiser.get(REGISTRATIONS).content.decode()
    assert listing.count(">Promote</button>") == 1  # only Carol waits
    url = reverse("innoday_promote", args=[people["carol"].pk])
    assert url == f"/admin/innodays/registrations/{people['carol'].pk}/promote/"
    response = organiser.post(url, HTTP_REFERER=f"http://testserver{REGISTRATIONS}?status=waitlisted")
    assert response.status_code == 302
    assert response["Location"] == f"http://testserver{REGISTRATIONS}?status=waitlisted"
    assert messages_of(response) == [
        "Carol Lee is promoted from the waitlist; they will get an email with their ticket.",
        "The InnoDay now has 3 confirmed people for 2 seats.",
    ]
    people["carol"].refresh_from_db()
    assert people["carol"].status == Status.CONFIRMED and people["carol"].promoted_at


def test_raising_the_capacity_seats_the_waitlist_without_a_manual_step(organiser, people, innoday_2027):
    innoday_2027.capacity = 3
    innoday_2027.save_revision().publish()
    people["carol"].refresh_from_db()
    assert people["carol"].status == Status.CONFIRMED and people["carol"].promoted_at
    assert organiser.get(REGISTRATIONS).content.decode().count(">Promote</button>") == 0


def test_only_waitlisted_people_can_be_promoted_and_only_by_post(organiser, people):
    url = reverse("innoday_promote", args=[people["alice"].pk])
    assert organiser.get(url).status_code == 405
    response = organiser.post(url)
    assert messages_of(response) == ["Only a waitlisted registration can be promoted."]


# The door check-in list


def test_the_check_in_list_finds_confirmed_people_by_name(organiser, people, innoday_2027):
    url = reverse("innoday_check_in_list", args=[innoday_2027.pk])
    assert url == f"/admin/innodays/{innoday_2027.pk}/check-in/"
    html = organiser.get(url).content.decode()
    assert "Alice Chan" in html and "Bob Wong" in html
    assert "Carol Lee" not in html  # waitlisted: no seat
    assert "Attended <strong>0</strong> of <strong>2</strong> confirmed" in html

    html = organiser.get(url, {"q": "alice"}).content.decode()
    assert "Alice Chan" in html and "Bob Wong" not in html
    html = organiser.get(url, {"q": "bob.wong@"}).content.decode()
    assert "Bob Wong" in html and "Alice Chan" not in html


def test_marking_attended_from_the_list(organiser, people, innoday_2027):
    url = reverse("innoday_check_in_list", args=[innoday_2027.pk])
    response = organiser.post(url, {"registration": people["alice"].pk})
    assert response.status_code == 302 and response["Location"] == url
    people["alice"].refresh_from_db()
    assert people["alice"].attended_at is not None
    time = timezone.localtime(people["alice"].attended_at).strftime("%H:%M")
    assert messages_of(response) == [f"Alice Chan is checked in at {time}."]

    html = organiser.get(url).content.decode()
    assert f"Attended at {time}" in html
    assert "Attended <strong>1</strong> of <strong>2</strong> confirmed" in html
    assert html.count("Mark attended") == 1  # Bob still to come


def test_a_waitlisted_person_cannot_be_marked_from_the_list(organiser, people, innoday_2027):
    url = reverse("innoday_check_in_list", args=[innoday_2027.pk])
    response = organiser.post(url, {"registration": people["carol"].pk})
    assert messages_of(response) == ["This person is not confirmed for this InnoDay."]
    people["carol"].refresh_from_db()
    assert people["carol"].attended_at is None


def test_the_check_in_list_covers_registrations_made_in_chinese(organiser, site_tree, index, innoday_2027):
    chinese = Locale.objects.get(language_code="zh-hant")
    zh_index = InnoDayIndexPage(title="創新日", slug="innodays", locale=chinese, translation_key=index.translation_key)
    site_tree["zh-hant"].add_child(instance=zh_index)
    zh_day = make_innoday(zh_index, "創新日 2027：智慧建築", locale=chinese, translation_of=innoday_2027)
    register(zh_day, "Eva Lam")
    for page in (innoday_2027, zh_day):
        assert "Eva Lam" in organiser.get(reverse("innoday_check_in_list", args=[page.pk])).content.decode()


# Check-in by QR code


def test_the_qr_code_opens_the_person_and_marks_them_attended(organiser, people, innoday_2027):
    token = make_token(people["bob"], "check-in")
    url = reverse("innoday_check_in", args=[token])
    assert url == f"/admin/innodays/check-in/{token}/"

    html = organiser.get(url).content.decode()
    for text in ("Bob Wong", "PolyU", "InnoDay 2027: smart buildings", "Confirmed", "Mark attended"):
        assert text in html

    response = organiser.post(url)
    assert response.status_code == 302 and response["Location"] == url
    people["bob"].refresh_from_db()
    time = timezone.localtime(people["bob"].attended_at).strftime("%H:%M")
    assert messages_of(response) == [f"Bob Wong is checked in at {time}."]

    html = organiser.get(url).content.decode()
    assert f"Attended at {time}." in html and "Mark attended" not in html
    assert reverse("innoday_check_in_list", args=[innoday_2027.pk]) in html


def test_a_tampered_check_in_code_is_refused(organiser, people):
    token = make_token(people["bob"], "check-in")
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    response = organiser.get(reverse("innoday_check_in", args=[tampered]))
    assert response.status_code == 400
    assert "This check-in code is not valid." in response.content.decode()
    assert organiser.post(reverse("innoday_check_in", args=[tampered])).status_code == 400
    # A cancellation link is not a ticket either.
    assert organiser.get(reverse("innoday_check_in", args=[make_token(people["bob"], "cancel")])).status_code == 400


@pytest.mark.parametrize("who", ["carol", "bob"])
def test_waitlisted_and_cancelled_people_are_not_checked_in(organiser, people, who):
    if who == "bob":
        seats.cancel(people["bob"])
    url = reverse("innoday_check_in", args=[make_token(people[who], "check-in")])
    html = organiser.get(url).content.decode()
    assert "Not checked in." in html and "Mark attended" not in html
    assert ("on the waitlist" if who == "carol" else "was cancelled") in html

    response = organiser.post(url)
    assert response.status_code == 409
    people[who].refresh_from_db()
    assert people[who].attended_at is None


# Access


@pytest.fixture
def urls(people, innoday_2027):
    return [
        REGISTRATIONS,
        reverse("innoday_overview"),
        reverse("innoday_check_in_list", args=[innoday_2027.pk]),
        reverse("innoday_check_in", args=[make_token(people["alice"], "check-in")]),
    ]


def test_visitors_and_non_staff_users_are_sent_to_the_login(client, urls, people):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(get_user_model().objects.create_user("visitor", "visitor@example.com", "pw"))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    response = client.post(reverse("innoday_promote", args=[people["carol"].pk]))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    response = client.post(urls[3])
    assert response.status_code == 302
    people["alice"].refresh_from_db()
    assert people["alice"].attended_at is None


def test_editors_without_registration_permissions_are_refused(client, urls):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("writer", "writer@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
