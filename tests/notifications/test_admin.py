"""Editors see the subscriptions, counts per technology category and the alerts sent per wish."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model

from notifications.models import Subscription
from tests.html import soup, text
from tests.notifications.builders import publish_new_wish, subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.gov.hk", "pw")
    client.force_login(user)
    return client


def rows(page, table):
    return {
        text(row.select_one("td")): [text(td) for td in row.select("td")[1:]]
        for row in page.select(f"#{table} tbody tr")
    }


def test_overview_counts_per_category_and_alerts_per_wish(editor, catalogue, publish):
    subscriber("a@example.hk", categories=["robotics"])
    subscriber("b@example.hk", frequency="daily", categories=["robotics", "energy-efficiency"])
    subscriber("c@example.hk", frequency="weekly", all_categories=True)
    Subscription.objects.create(email="pending@example.hk", language="en", frequency="daily")
    publish(publish_new_wish, "W-0500", "Robots for piers")

    page = soup(editor.get("/admin/alerts/"))
    assert "3 confirmed subscribers; 1 waiting for confirmation." in text(page)
    per_category = rows(page, "per-category")
    # immediately, daily, weekly, total; "all categories" subscribers count in every category
    assert per_category["Robotics applications"] == ["1", "1", "1", "3"]
    assert per_category["Energy efficiency"] == ["0", "1", "1", "2"]
    per_item = rows(page, "per-item")
    assert per_item["I&T wish: Robots for piers"][1:] == ["3", "1", "2", "0"]  # matched, sent, waiting, not delivered


def test_subscriptions_listing_filters_and_csv(editor, catalogue):
    subscriber("robots@example.hk", categories=["robotics"])
    subscriber("energy@example.hk", categories=["energy-efficiency"])
    subscriber("all@example.hk", all_categories=True)
    listing = editor.get("/admin/alerts/subscriptions/?category=robotics")
    assert listing.status_code == 200
    emails = [text(a) for a in soup(listing).select("tbody td a")]
    assert "robots@example.hk" in emails and "all@example.hk" in emails and "energy@example.hk" not in emails
    export = editor.get("/admin/alerts/subscriptions/?export=csv")
    table = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert table[0][:3] == ["Email", "Status", "Frequency"]
    assert {row[0] for row in table[1:]} == {"robots@example.hk", "energy@example.hk", "all@example.hk"}
    assert editor.get("/admin/alerts/subscriptions/add/").status_code == 404  # only subscribers choose


def test_people_without_permission_see_nothing(client, catalogue):
    user = get_user_model().objects.create_user("someone", "someone@example.gov.hk", "pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/alerts/").status_code in (302, 403)


def test_deleting_a_subscription_on_request_keeps_only_anonymous_counts(editor, catalogue, publish):
    daily = subscriber("daily@example.hk", frequency="daily", categories=["robotics"])
    now = subscriber("now@example.hk", categories=["robotics"])
    publish(publish_new_wish, "W-0501", "Robots for lifts")
    for person in (daily, now):
        response = editor.post(f"/admin/alerts/subscriptions/delete/{person.pk}/")
        assert response.status_code == 302
    assert not Subscription.objects.exists()
    per_item = rows(soup(editor.get("/admin/alerts/")), "per-item")
    assert per_item["I&T wish: Robots for lifts"][1:] == ["1", "1", "0", "0"]  # the unsent one is gone
