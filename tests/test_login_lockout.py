"""The admin log-in resists password guessing: after LOGIN_FAILURE_LIMIT failures from one address, or
against one account from anywhere, log-in is refused for a while, in the visitor's language."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from tests.html import soup, text

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor(settings, site_tree):
    settings.AXES_FAILURE_LIMIT = 3
    settings.TRUSTED_PROXY_COUNT = 1  # as in production: the client address comes from the proxy
    return get_user_model().objects.create_user("editor", "editor@example.gov.hk", "right-password", is_superuser=True)


def attempt(username, password, address="203.0.113.7", language="en"):
    client = Client(HTTP_X_FORWARDED_FOR=address, HTTP_ACCEPT_LANGUAGE=language)
    return client.post(LOGIN, {"username": username, "password": password})


def logged_in(response):
    return response.status_code == 302 and "/login/" not in response["Location"]


def test_guessing_one_accounts_password_locks_it_even_from_new_addresses(editor):
    for n in range(2):
        assert attempt("editor", f"guess-{n}", address=f"198.51.100.{n}").status_code == 200
    assert attempt("editor", "guess-3", address="198.51.100.3").status_code == 429  # the third failure locks
    refused = attempt("editor", "right-password", address="192.0.2.99")
    assert refused.status_code == 429
    assert "Too many failed log-in attempts" in text(soup(refused, 429).select_one("h1"))


def test_one_address_guessing_many_accounts_is_locked_out_and_others_are_not(editor):
    for name in ("alice", "bob", "carol"):
        attempt(name, "password", address="203.0.113.7")
    assert attempt("editor", "right-password", address="203.0.113.7").status_code == 429
    assert logged_in(attempt("editor", "right-password", address="192.0.2.10"))


def test_the_lockout_page_speaks_the_visitors_language(editor):
    for n in range(3):
        attempt("editor", f"guess-{n}", language="zh-hant")
    page = soup(attempt("editor", "right-password", language="zh-hant"), 429)
    assert text(page.select_one("h1")) == "登入失敗次數過多"
    assert "15 分鐘" in text(page.select_one("main"))


def test_a_success_clears_the_failures_and_the_lock_ends_after_the_cool_off(editor):
    attempt("editor", "wrong")
    attempt("editor", "wrong")
    assert logged_in(attempt("editor", "right-password"))
    attempt("editor", "wrong")
    assert attempt("editor", "wrong").status_code == 200  # two failures since the success: not yet locked

    assert attempt("editor", "wrong").status_code == 429
    assert attempt("editor", "right-password").status_code == 429
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    assert logged_in(attempt("editor", "right-password"))


def test_a_forged_forwarded_for_does_not_escape_the_address_lock(editor):
    """Entries left of the one the proxy wrote are the client's own words: they change nothing."""
    for name in ("alice", "bob", "carol"):
        attempt(name, "password", address=f"10.0.0.{len(name)}, 203.0.113.7")
    assert attempt("editor", "right-password", address="10.9.9.9, 203.0.113.7").status_code == 429
