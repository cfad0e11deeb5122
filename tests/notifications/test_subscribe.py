"""Subscribing without an account: double opt-in, managing and unsubscribing through signed links."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from notifications.models import Subscription
from notifications.tokens import make_token
from tests.html import soup, text
from tests.notifications.builders import publish_new_wish, subscriber

# The confirmation email is queued when the request commits, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def form(email="ada@example.hk", **extra):
    return {"email": email, "categories": ["robotics"], "frequency": "immediate", "language": "en", "consent": "on"} | (
        extra
    )


def link_in(message, kind):
    return re.search(rf"http://testserver(/[\w-]+/alerts/{kind}/[^/\s]+/)", message.body).group(1)


def test_the_form_in_both_languages(client, catalogue):
    page = soup(client.get("/en/alerts/"))
    assert text(page.h1) == "Email alerts"
    legends = [text(legend) for legend in page.select("fieldset legend")]
    assert legends == [
        "Technology categories",
        "Only wishes posted by (optional)",
        "How often",
        "Language of the emails",
    ]
    assert page.select_one("input[name=csrfmiddlewaretoken]") and page.select_one(".honeypot input[name=website]")
    zh = soup(client.get("/zh-hant/alerts/"))
    assert text(zh.h1) == "電郵通知"
    assert (
        "機械人應用" in text(zh.select_one("fieldset"))
        and zh.select_one("input[name=language][checked]")["value"] == "zh-hant"
    )


def test_double_opt_in(client, catalogue, publish):
    response = client.post("/zh-hant/alerts/", form(language="zh-hant", keywords="渠道， Drain"))
    assert response.status_code == 302 and response["Location"] == "/zh-hant/alerts/check-your-inbox/"
    assert text(soup(client.get(response["Location"])).h1) == "請查看您的郵箱"
    subscription = Subscription.objects.get()
    assert (subscription.status, subscription.keywords, subscription.category_keys()) == (
        "pending",
        "渠道,drain",
        ["robotics"],
    )
    [confirmation] = mail.outbox
    assert confirmation.to == ["ada@example.hk"] and confirmation.subject == "請確認您的機電創科網上平台通知"
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    mail.outbox.clear()
    publish_new_wish("W-0300", "Robots for drains")  # nothing is sent before the confirmation
    assert mail.outbox == []

    confirm_url = link_in(confirmation, "confirm")
    page = soup(client.get(confirm_url))  # following the link shows the choices; a scanner following it changes nothing
    assert "機械人應用" in text(page.select_one(".summary-list")) and "渠道, drain" in text(page)
    assert Subscription.objects.get().status == "pending"
    response = client.post(confirm_url)
    assert response.status_code == 302 and "/zh-hant/alerts/manage/" in response["Location"]
    assert "您的訂閱已確認" in text(soup(client.get(response["Location"])).select_one(".notice"))
    assert Subscription.objects.get().status == "confirmed"

    publish_new_wish("W-0301", "Robots to unblock drains", "疏通渠道的機械人")
    [alert] = mail.outbox
    assert alert.subject == "新創科願望：疏通渠道的機械人"


def test_subscribing_an_address_again_changes_nothing_and_reveals_nothing(client, catalogue):
    existing = subscriber("ada@example.hk", categories=["energy-efficiency"])
    first = client.post("/en/alerts/", form())
    pending_answer = client.post("/en/alerts/", form(email="new@example.hk"))
    assert first.status_code == pending_answer.status_code == 302
    assert first["Location"] == pending_answer["Location"]  # the same answer whether or not it subscribes
    existing.refresh_from_db()
    assert existing.category_keys() == ["energy-efficiency"]  # a stranger cannot change it
    assert Subscription.objects.filter(email="ada@example.hk").count() == 1
    reminder = next(m for m in mail.outbox if m.to == ["ada@example.hk"])
    assert reminder.subject == "Your E&M InnoPortal alerts" and "/en/alerts/manage/" in reminder.body

    mail.outbox.clear()
    client.post("/en/alerts/", form(email="new@example.hk", categories=["energy-efficiency"]))
    new = Subscription.objects.get(email="new@example.hk")
    assert new.category_keys() == ["energy-efficiency"]  # not confirmed yet: the latest request counts
    assert mail.outbox == []  # but the same address gets at most one email in ten minutes


def test_bad_input_is_explained_and_changes_nothing(client, catalogue):
    response = client.post(
        "/zh-hant/alerts/", form(email="not-an-address", categories=[], consent="", keywords="a, b, c")
    )
    page = soup(response, status=400)
    errors = [text(e) for e in page.select(".field__error")]
    assert errors == [
        "請輸入有效的電子郵件地址。",  # Django's own translation
        "請最少選擇一個技術類別，或選擇所有類別。",
        "每個關鍵詞最少要有兩個字元。",
        "請表示同意，以便我們向您發送通知。",
    ], errors
    unknown = client.post("/en/alerts/", form(categories=["no-such-category"], frequency="hourly"))
    assert unknown.status_code == 400
    assert not Subscription.objects.exists() and mail.outbox == []


def test_the_honeypot_and_the_rate_limit(client, catalogue, settings):
    settings.ALERTS_RATE_LIMIT = "2/600"
    robot = client.post("/en/alerts/", form(website="http://spam.example"))
    assert robot.status_code == 400 and not Subscription.objects.exists()
    client.post("/en/alerts/", form(email="a@example.hk"))
    page = soup(client.post("/en/alerts/", form(email="b@example.hk")), status=400)  # the third attempt
    assert "Too many attempts" in text(page.select_one(".form-errors"))
    assert list(Subscription.objects.values_list("email", flat=True)) == ["a@example.hk"]


def test_the_form_needs_its_csrf_token(catalogue):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/en/alerts/", form()).status_code == 403
    assert not Subscription.objects.exists()


def test_managing_the_subscription(client, catalogue):
    ada = subscriber("ada@example.hk", categories=["robotics"])
    url = f"/en/alerts/manage/{make_token(ada, 'manage')}/"
    page = soup(client.get(url))
    assert page.select_one("input[name=categories][value=robotics]").has_attr("checked")
    response = client.post(url, {"all_categories": "on", "frequency": "weekly", "language": "zh-hant", "reports": "on"})
    assert response.status_code == 302
    ada.refresh_from_db()
    assert (ada.all_categories, ada.frequency, ada.language, ada.reports) == (True, "weekly", "zh-hant", True)
    bad = client.post(url, {"frequency": "weekly", "language": "en"})
    assert "Choose at least one technology category" in text(soup(bad, status=400).select_one(".field__error"))
    ada.refresh_from_db()
    assert ada.all_categories and ada.language == "zh-hant"


def test_unsubscribing_from_the_page_and_in_one_click(catalogue):
    strict = Client(enforce_csrf_checks=True)
    ada = subscriber("ada@example.hk", categories=["robotics"])
    url = f"/en/alerts/unsubscribe/{make_token(ada, 'unsubscribe')}/"
    page = soup(strict.get(url))
    assert "ada@example.hk" in text(page.select_one(".lead"))
    assert Subscription.objects.filter(pk=ada.pk).exists()  # looking is not unsubscribing
    # RFC 8058: the mail program POSTs this body to the List-Unsubscribe address, with no cookie or token.
    response = strict.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscription.objects.filter(email="ada@example.hk").exists()  # and the address is gone
    again = soup(strict.get(url))
    assert text(again.h1) == "You are unsubscribed"


def test_tampered_and_misused_links_are_refused(client, catalogue):
    ada = subscriber("ada@example.hk", categories=["robotics"])
    token = make_token(ada, "unsubscribe")
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for url in [
        f"/en/alerts/unsubscribe/{tampered}/",
        f"/en/alerts/manage/{token}/",  # an unsubscribe link does not open the settings
        f"/en/alerts/confirm/{make_token(ada, 'manage')}/",
        "/en/alerts/manage/nonsense/",
    ]:
        page = soup(client.post(url, {"frequency": "daily", "language": "en", "all_categories": "on"}), status=400)
        assert text(page.h1) == "This link is not valid", url
    page = soup(client.post(f"/zh-hant/alerts/unsubscribe/{tampered}/"), status=400)
    assert text(page.h1) == "此連結無效"
    ada.refresh_from_db()
    assert ada.frequency == "immediate" and Subscription.objects.count() == 1


def test_confirmation_links_expire_and_old_requests_are_deleted(client, catalogue, settings):
    client.post("/en/alerts/", form())
    confirm_url = link_in(mail.outbox[0], "confirm")
    later = timezone.now() + datetime.timedelta(days=settings.ALERTS_CONFIRM_DAYS, hours=1)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        page = soup(client.post(confirm_url), status=400)
    assert text(page.h1) == "This link has expired"
    assert Subscription.objects.get().status == "pending"
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=settings.ALERTS_CONFIRM_DAYS + 1))
    from notifications.subscriptions import purge_unconfirmed

    assert purge_unconfirmed() == 1 and not Subscription.objects.exists()
