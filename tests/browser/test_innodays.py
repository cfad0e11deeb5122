"""Registering for an InnoDay through the real form in headless Chromium, in both languages."""

import pytest
from django.core import mail

from innodays.models import Registration
from tests.browser.conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(page, name, email, labels):
    page.get_by_label(labels["name"]).fill(name)
    page.get_by_label(labels["email"]).fill(email)
    page.get_by_label(labels["organisation"]).fill("HKUST")
    page.get_by_label(labels["sector"]).select_option("university")
    page.get_by_label(labels["consent"]).check()


@pytest.mark.parametrize(
    ("lang", "labels", "heading", "submit"),
    [
        (
            "en",
            {
                "name": "Name",
                "email": "Email",
                "organisation": "Organisation",
                "sector": "Sector",
                "consent": "I have read the personal data statement",
            },
            "You are registered",
            "Register",
        ),
        (
            "zh-hant",
            {
                "name": "姓名",
                "email": "電郵",
                "organisation": "機構",
                "sector": "界別",
                "consent": "本人已閱讀個人資料收集聲明",
            },
            "登記成功",
            "登記",
        ),
    ],
)
def test_register_through_the_form(live_server, innoday, page, lang, labels, heading, submit):
    page.goto(f"{live_server.url}/{lang}/innodays/innoday-test/")
    # A forgotten consent box gets a clear error and keeps what was typed.
    fill(page, "Chan Tai Man", f"chan.{lang}@example.hk", labels)
    page.get_by_label(labels["consent"]).uncheck()
    page.get_by_role("button", name=submit, exact=True).click()
    assert page.locator(".field__error").count() == 1
    assert page.get_by_label(labels["name"]).input_value() == "Chan Tai Man"
    page.get_by_label(labels["consent"]).check()
    page.screenshot(path=SCREENSHOTS / f"innoday-form-{lang}.png", full_page=True)
    page.get_by_role("button", name=submit, exact=True).click()
    page.wait_for_url("**/registered/?t=*")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    page.screenshot(path=SCREENSHOTS / f"innoday-registered-{lang}.png")
    registration = Registration.objects.get(email=f"chan.{lang}@example.hk")
    assert (registration.status, registration.language) == ("confirmed", lang)
    assert [m.to for m in mail.outbox] == [[f"chan.{lang}@example.hk"]]
