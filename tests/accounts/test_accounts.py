"""Accounts for the people who take part: sign up, verify the email, log in and out, reset the password,
in both languages; they never reach the admin; admin users can be made to use an authenticator."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from tests.html import form_data, soup, text

PAGES = {"en": "/en/accounts/", "zh-hant": "/zh-hant/accounts/"}


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def post_form(client, url, changes, status=302):
    """Fill the page's form as a visitor would (its hidden fields and token included) and send it."""
    page = soup(client.get(url))
    form = page.select_one("main form[method=post]")
    data = form_data(form) | {name: [value] for name, value in changes.items()}
    response = client.post(url, data)
    assert response.status_code == status, text(soup(response, response.status_code))[:600]
    return response


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_sign_up_verify_log_out_log_in_and_reset_the_password(client, site_tree, lang):
    base = PAGES[lang]
    post_form(
        client,
        f"{base}signup/",
        {"email": "Maker@Example.hk", "password1": "Tr1al-and-error", "password2": "Tr1al-and-error"},
    )
    # Nothing can be done before the address is verified.
    assert client.get("/admin/").status_code == 302
    [confirmation] = mail.outbox
    assert confirmation.to == ["maker@example.hk"] and confirmation.subject.startswith("E&M InnoPortal: ")
    if lang == "zh-hant":
        assert "確認" in confirmation.subject + confirmation.body
    confirm_url = link_in(confirmation)
    assert confirm_url.startswith(base)
    page = soup(client.get(confirm_url))  # opening the link confirms nothing by itself (mail scanners)
    assert not get_user_model().objects.get(email="maker@example.hk").emailaddress_set.get().verified
    assert page.select_one("main form[method=post]")
    post_form(client, confirm_url, {})
    assert get_user_model().objects.get(email="maker@example.hk").emailaddress_set.get().verified

    post_form(client, f"{base}logout/", {})
    assert "_auth_user_id" not in client.session
    post_form(client, f"{base}login/", {"login": "maker@example.hk", "password": "Tr1al-and-error"})
    assert "_auth_user_id" in client.session

    post_form(client, f"{base}logout/", {})
    mail.outbox.clear()
    post_form(client, f"{base}password/reset/", {"email": "maker@example.hk"})
    reset_url = link_in(mail.outbox[0])
    form_url = client.get(reset_url)["Location"]  # the key moves out of the address before the form shows
    post_form(client, form_url, {"password1": "New-pa55word!", "password2": "New-pa55word!"})
    post_form(client, f"{base}login/", {"login": "maker@example.hk", "password": "New-pa55word!"})
    assert "_auth_user_id" in client.session


def test_forms_explain_their_errors_in_chinese(client, site_tree):
    response = post_form(
        client, "/zh-hant/accounts/signup/", {"email": "not-an-email", "password1": "a", "password2": "b"}, status=200
    )
    page = soup(response)
    assert page.html["lang"] == "zh-Hant-HK"
    assert "有效" in text(page.select_one("main"))  # 請輸入有效的電郵地址 / 有效的電子郵件地址
    assert not get_user_model().objects.exists()


def test_an_unverified_account_cannot_log_in(client, site_tree):
    post_form(
        client,
        "/en/accounts/signup/",
        {"email": "new@example.hk", "password1": "Tr1al-and-error", "password2": "Tr1al-and-error"},
    )
    client.logout()
    response = post_form(client, "/en/accounts/login/", {"login": "new@example.hk", "password": "Tr1al-and-error"})
    assert response["Location"].startswith("/en/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session


def verified_user(email="provider@example.hk", password="Tr1al-and-error", **extra):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(username=email, email=email, password=password, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_a_public_account_never_gets_into_the_admin(client, site_tree):
    verified_user()
    post_form(client, "/en/accounts/login/", {"login": "provider@example.hk", "password": "Tr1al-and-error"})
    assert "_auth_user_id" in client.session
    for url in ("/admin/", "/admin/pages/", "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_repeated_failed_log_ins_are_refused_even_with_the_right_password(client, site_tree):
    verified_user()
    for n in range(5):
        client.post("/en/accounts/login/", {"login": "provider@example.hk", "password": f"wrong{n}"})
    response = client.post("/en/accounts/login/", {"login": "provider@example.hk", "password": "Tr1al-and-error"})
    assert "Too many failed login attempts" in text(soup(response, response.status_code))
    assert "_auth_user_id" not in client.session


def test_admin_users_log_in_with_an_authenticator_where_required(client, site_tree, settings):
    settings.ADMIN_TWO_FACTOR = True
    editor = verified_user("editor@emsd.gov.hk", is_staff=True, is_superuser=True)
    assert client.get("/admin/login/")["Location"] == "/en/accounts/login/"
    post_form(client, "/en/accounts/login/", {"login": "editor@emsd.gov.hk", "password": "Tr1al-and-error"})
    response = client.get("/admin/")
    assert response.status_code == 302 and "/accounts/2fa/totp/activate/" in response["Location"]

    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    client.logout()
    response = post_form(client, "/en/accounts/login/", {"login": "editor@emsd.gov.hk", "password": "Tr1al-and-error"})
    assert "/accounts/2fa/authenticate/" in response["Location"]
    assert client.get("/admin/").status_code == 302  # not in yet
    code = f"{hotp_value(secret, int(timezone.now().timestamp()) // 30):06d}"
    post_form(client, response["Location"], {"code": code})
    assert client.get("/admin/").status_code == 200
