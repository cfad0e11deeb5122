"""A rush of registrations keeps the InnoDay page cached: it is purged only when what it says of the
seats changes (available, then the number left when few, then the waitlist)."""

import re

import pytest
from django.test import Client

from innodays.models import InnoDayPage, Registration
from innodays.registration import FEW_SEATS, cancel
from tests.html import soup, text

pytestmark = pytest.mark.django_db(transaction=True)
INNODAY = "/en/innodays/innoday-test/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def register(n):
    """Someone loads the (cached) page and sends its form, CSRF checks and all."""
    person = Client(enforce_csrf_checks=True)
    page = person.get(INNODAY)
    form = soup(page).select_one("form.form")
    data = {"name": f"Person {n}", "email": f"person{n}@example.hk", "organisation": "HKU", "sector": "university"}
    token = TOKEN.search(page.content.decode()).group(1)
    answer = person.post(form["action"], {**data, "consent": "on", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302 and answer["Location"].startswith(INNODAY + "registered/"), answer
    return answer


def seats(response):
    return text(soup(response).select_one(".seats"))


def visit():
    response = Client().get(INNODAY)
    return response["X-Page-Cache"], seats(response)


def test_registrations_leave_the_page_cached_until_few_seats_are_left(innoday):
    InnoDayPage.objects.filter(translation_key=innoday["en"].translation_key).update(capacity=FEW_SEATS + 2)
    state, line = visit()
    assert state == "miss" and "Seats are available." in line
    register(1)  # FEW_SEATS + 1 left: the page says the same, and stays cached
    state, line = visit()
    assert state == "hit" and "Seats are available." in line
    register(2)  # FEW_SEATS left: now the number is shown
    state, line = visit()
    assert state == "miss" and f"{FEW_SEATS} seats left." in line
    register(3)
    assert f"{FEW_SEATS - 1} seats left." in visit()[1]


def test_the_last_seat_and_a_cancellation_purge_the_page(innoday):
    for n in (1, 2):  # the fixture's InnoDay has 2 seats
        register(n)
    state, line = visit()
    assert state == "miss" and "join the waitlist" in line
    assert "Join the waitlist" in text(soup(Client().get(INNODAY)).select_one(".registration form button"))
    register(3)  # waitlisted: the page says the same
    assert visit()[0] == "hit"
    cancel(Registration.objects.get(email="person1@example.hk"))  # person 3 moves up: still full
    assert visit()[0] == "hit"
    cancel(Registration.objects.get(email="person2@example.hk"))  # a seat is free
    state, line = visit()
    assert state == "miss" and "1 seat left." in line
