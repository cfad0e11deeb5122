"""Frequencies, digests and idempotence: nobody gets the same item twice, whatever is retried."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notifications import delivery
from notifications.models import Alert, Announcement
from notifications.tasks import deliver_alerts, match_subscribers
from tests.notifications.builders import publish_new_wish, subscriber

pytestmark = pytest.mark.django_db


def sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_each_frequency(catalogue, innoday, publish):
    subscriber("now@example.hk", frequency="immediate", categories=["robotics"], innodays=True)
    subscriber("daily@example.hk", frequency="daily", categories=["robotics"], innodays=True)
    subscriber("weekly@example.hk", language="zh-hant", frequency="weekly", categories=["robotics"])
    publish(publish_new_wish, "W-0200", "Robots for bridges", "橋樑機械人")
    publish(publish_new_wish, "W-0201", "Robots for tunnels", "隧道機械人")
    Announcement.objects.filter(kind="innoday").delete()
    publish(lambda: innoday["en"].save_revision().publish())
    assert [m.subject for m in mail.outbox] == [
        "New I&T wish: Robots for bridges",
        "New I&T wish: Robots for tunnels",
        "New InnoDay: InnoDay: smart buildings",
    ]
    mail.outbox.clear()

    out = call_command_output("send_alerts", "--digest", "daily")
    assert "Daily digest: 1 email(s), 3 item(s)." in out
    [daily] = mail.outbox
    assert daily.to == ["daily@example.hk"] and daily.subject == "Your daily alert: 3 new items"
    assert daily.body.index("Robots for bridges") < daily.body.index("Robots for tunnels")
    assert "InnoDay: smart buildings" in daily.body
    assert daily.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    mail.outbox.clear()
    call_command_output("send_alerts", "--digest", "daily")  # cron ran twice: nothing new, nothing sent
    assert mail.outbox == []

    call_command_output("send_alerts", "--digest", "weekly")
    [weekly] = mail.outbox
    assert weekly.to == ["weekly@example.hk"] and weekly.subject == "每週通知：2個新項目"
    assert "橋樑機械人" in weekly.body and "隧道機械人" in weekly.body and "本週" in weekly.body


def call_command_output(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_no_digest_email_when_nothing_is_new(catalogue):
    subscriber("daily@example.hk", frequency="daily", categories=["robotics"])
    assert delivery.send_digests("daily") == (0, 0)
    assert mail.outbox == []


def test_running_the_fan_out_and_the_senders_again_sends_nothing_twice(catalogue, publish):
    for n in range(5):
        subscriber(f"p{n}@example.hk", categories=["robotics"])
    publish(publish_new_wish, "W-0202", "Robots for ducts")
    assert len(mail.outbox) == 5
    announcement = Announcement.objects.get(title="Robots for ducts")
    match_subscribers.enqueue(announcement.pk)  # a retried task: matches again, senders find nothing to send
    deliver_alerts.enqueue(announcement.pk)
    call_command_output("send_alerts")
    assert len(mail.outbox) == 5
    assert Alert.objects.filter(announcement=announcement).count() == 5


def test_a_worker_that_dies_mid_batch_is_recovered_without_duplicates(catalogue, settings, publish):
    """In process: the claim, two alerts sent, then the worker "dies" (its rows stay claimed)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    people = [subscriber(f"p{n}@example.hk", categories=["robotics"]) for n in range(6)]
    publish(publish_new_wish, "W-0203", "Robots for sewers")
    announcement = Announcement.objects.get(title="Robots for sewers")
    assert announcement.matched_at is None  # the fan-out task is queued, not run
    call_command_output("send_alerts")  # too early to count as lost: the worker may still take it
    assert mail.outbox == [] and not Alert.objects.exists()

    Announcement.objects.filter(pk=announcement.pk).update(announced_at=timezone.now() - datetime.timedelta(hours=1))
    from notifications.matching import create_alerts

    create_alerts(announcement)
    claim_id = delivery.claim(delivery.pending("immediate"), size=6)
    claimed = list(Alert.objects.filter(claim=claim_id).order_by("pk"))
    from notifications.emails import ItemCache, alert_mail

    for alert in claimed[:2]:  # accepted by the server, recorded
        alert_mail(alert.subscription, [ItemCache().get(announcement, "en")]).send()
        delivery.mark([alert.pk], Alert.Status.SENT)
    # The third was being accepted when the worker died: the server has it, the database does not know.
    alert_mail(claimed[2].subscription, [ItemCache().get(announcement, "en")]).send()

    call_command_output("send_alerts")  # the claim is not stale yet: nothing is touched
    assert len(mail.outbox) == 3
    Alert.objects.filter(claim=claim_id).update(claimed_at=timezone.now() - datetime.timedelta(hours=1))
    out = call_command_output("send_alerts")
    assert "3 immediate alert(s) sent, 3 released and 1 marked unknown" in out

    received = sorted(address for m in mail.outbox for address in m.to)
    assert received == sorted(p.email for p in people)  # everyone once, nobody twice
    statuses = dict(Alert.objects.values_list("subscription__email", "status"))
    assert statuses[claimed[2].subscription.email] == "unknown"
    assert list(statuses.values()).count("sent") == 5


def test_a_refused_recipient_is_retried_then_given_up(catalogue, smtp_server, publish):
    subscriber("ok@example.hk", categories=["robotics"])
    subscriber("full@example.hk", categories=["robotics"])
    smtp_server.mailbox.refuse["full@example.hk"] = "452 4.2.2 Mailbox full"
    publish(publish_new_wish, "W-0204", "Robots for ships")
    assert smtp_server.mailbox.recipients() == ["ok@example.hk"]
    full = Alert.objects.get(subscription__email="full@example.hk")
    assert (full.status, full.attempts) == ("pending", 1)
    delivery.deliver_immediate()  # too soon to try again
    full.refresh_from_db()
    assert (full.status, full.attempts) == ("pending", 1)
    for _later in range(2):
        Alert.objects.filter(pk=full.pk).update(claimed_at=timezone.now() - datetime.timedelta(hours=1))
        delivery.deliver_immediate()
    full.refresh_from_db()
    assert (full.status, full.attempts) == ("failed", 3)
    assert smtp_server.mailbox.recipients() == ["ok@example.hk"]


def test_an_unpublished_item_is_not_sent_in_a_later_digest(catalogue, publish):
    from catalogue.models import WishPage

    subscriber("daily@example.hk", frequency="daily", categories=["robotics"])
    publish(publish_new_wish, "W-0205", "Robots for parks", zh=False)
    WishPage.objects.get(item__key="W-0205").unpublish()
    assert delivery.send_digests("daily") == (0, 0)
    assert Alert.objects.get().status == "skipped"
