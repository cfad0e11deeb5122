"""The registration form's own address: /<lang>/innodays/register/<InnoDay key>/."""

import uuid

from wagtail.models import PageViewRestriction

from innodays.models import Registration
from tests.events.test_registration import URL, person
from tests.html import soup


def action(client, lang="en"):
    return soup(client.get(URL[lang])).select_one(".registration form")["action"]


def test_the_form_sends_to_the_innodays_own_address_and_registers(client, innoday):
    address = action(client)
    assert address == f"/en/innodays/register/{innoday['en'].translation_key}/"
    answer = client.post(address, person(1))
    assert answer.status_code == 302 and answer["Location"].startswith(URL["en"] + "registered/")
    assert Registration.objects.get().email == "person1@example.hk"


def test_in_chinese_the_registration_is_in_chinese(client, innoday):
    answer = client.post(action(client, "zh-hant"), person(1))
    assert answer["Location"].startswith(URL["zh-hant"] + "registered/")
    assert Registration.objects.get().language == "zh-hant"


def test_errors_show_on_the_innoday_page_and_change_nothing(client, innoday):
    answer = client.post(action(client), person(1, email="not an address"))
    assert answer.status_code == 400
    page = soup(answer, status=400)
    assert page.select_one("h1") and page.select(".registration .field--error #id_email")
    assert not Registration.objects.exists()


def test_a_reload_goes_to_the_page_and_unknown_innodays_are_not_found(client, innoday):
    assert client.get(action(client))["Location"] == URL["en"]
    assert client.post(f"/en/innodays/register/{uuid.uuid4()}/", person(1)).status_code == 404
    assert client.post("/en/innodays/register/not-a-key/", person(1)).status_code == 404
    assert not Registration.objects.exists()


def test_a_restricted_innoday_takes_no_registration_from_outside(client, innoday):
    address = action(client)
    PageViewRestriction.objects.create(page=innoday["en"], restriction_type=PageViewRestriction.LOGIN)
    answer = client.post(address, person(1))
    assert answer.status_code == 302 and answer["Location"] == URL["en"]
    assert not Registration.objects.exists()
