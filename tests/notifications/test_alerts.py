"""New wishes, InnoDays and reports reach the subscribers who asked for them: once, in their language."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from catalogue.models import Trial, TrialPage, WishPage
from notifications.models import Alert, Announcement
from notifications.subscriptions import unsubscribe
from tests.content import bilingual
from tests.notifications.builders import import_items, publish_new_wish, subscriber, wish_records

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_new_wish_reaches_exactly_the_matching_subscribers(catalogue, publish):
    subscriber("robots@example.hk", categories=["robotics"])
    subscriber("everything@example.hk", all_categories=True)
    subscriber("energy@example.hk", categories=["energy-efficiency"])
    subscriber("drains@example.hk", categories=["robotics"], keywords="drain, 渠道")
    subscriber("lifts@example.hk", categories=["robotics"], keywords="lift")
    subscriber("departments@example.hk", all_categories=True, organisation_types=["department"])
    subscriber("public-bodies@example.hk", all_categories=True, organisation_types=["public-body"])
    subscriber("pending@example.hk", all_categories=True).__class__.objects.filter(email="pending@example.hk").update(
        status="pending"
    )

    publish(publish_new_wish, "W-0100", "Robots to inspect drains", "檢查渠道的機械人", categories=["robotics"])

    assert recipients() == [
        "departments@example.hk",
        "drains@example.hk",
        "everything@example.hk",
        "robots@example.hk",
    ]


def test_keywords_match_any_language_version_and_ignore_case(catalogue, publish):
    subscriber("zh-keyword@example.hk", all_categories=True, keywords="節能")
    subscriber("en-keyword@example.hk", all_categories=True, keywords="CHILLER")
    subscriber("other@example.hk", all_categories=True, keywords="tunnel")
    en = {"title": "Smarter chiller plants", "summary": "Run chillers on demand."}
    zh = {"title": "更聰明的製冷機組", "summary": "機電工程署推動節能。"}
    publish(publish_new_wish, "W-0101", en, zh, categories=["energy-efficiency"])
    assert recipients() == ["en-keyword@example.hk", "zh-keyword@example.hk"]


def test_the_wishing_organisations_type_narrows(catalogue, publish):
    airport = bilingual("organisation", "aa", {"name": "Airport Authority"}, {"name": "機場管理局"}, type="public-body")
    import_items(airport)
    subscriber("public-bodies@example.hk", all_categories=True, organisation_types=["public-body"])
    subscriber("departments@example.hk", all_categories=True, organisation_types=["department"])
    publish(publish_new_wish, "W-0102", "Runway light tester", organisation="aa")
    assert recipients() == ["public-bodies@example.hk"]


def test_the_alert_is_in_the_subscribers_language_with_the_wish_facts(catalogue, publish):
    subscriber("zh@example.hk", language="zh-hant", categories=["robotics"])
    subscriber("en@example.hk", language="en", categories=["robotics"])
    publish(
        publish_new_wish,
        "W-0103",
        "Robots to clean sewers",
        "清理污水渠的機械人",
        categories=["robotics", "energy-efficiency"],
        deadline="2030-03-31",
    )
    zh = next(m for m in mail.outbox if m.to == ["zh@example.hk"])
    assert zh.subject == "新創科願望：清理污水渠的機械人"
    html = zh.alternatives[0][0]
    assert 'lang="zh-Hant-HK"' in html
    for fact in ["清理污水渠的機械人", "機電工程署", "機械人應用", "能源效益", "2030", "/zh-hant/wishes/"]:
        assert fact in zh.body and fact in html, fact
    en = next(m for m in mail.outbox if m.to == ["en@example.hk"])
    assert en.subject == "New I&T wish: Robots to clean sewers"
    for fact in ["Electrical and Mechanical Services Department", "Robotics applications", "31 March 2030"]:
        assert fact in en.body, fact
    assert "http://testserver/en/wishes/robots-to-clean-sewers/" in en.body


def test_a_wish_only_in_english_reaches_chinese_subscribers_in_english(catalogue, publish):
    subscriber("zh@example.hk", language="zh-hant", categories=["robotics"])
    publish(publish_new_wish, "W-0104", "Robot for cable tunnels", zh=False)
    [message] = mail.outbox
    assert "Robot for cable tunnels" in message.subject and message.subject.startswith("新創科願望")
    assert "此項目暫未有您所選語言的版本" in message.body
    assert "/en/wishes/robot-for-cable-tunnels/" in message.body


def test_every_alert_has_one_click_unsubscribe_headers_and_a_manage_link(catalogue, publish):
    subscriber("robots@example.hk", categories=["robotics"])
    publish(publish_new_wish, "W-0105", "Robot arms for lifts")
    [message] = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://testserver/en/alerts/unsubscribe/") and header.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/en/alerts/manage/" in message.body and header[1:-1] in message.body
    assert message.alternatives[0][1] == "text/html"


def test_only_the_first_publication_alerts(catalogue, publish):
    subscriber("robots@example.hk", categories=["robotics"])
    publish(publish_new_wish, "W-0106", "Robots for pools", "泳池機械人")
    assert len(mail.outbox) == 1  # one alert for both language versions

    wish = WishPage.objects.get(item__key="W-0106", locale__language_code="en")
    wish.title = "Robots for swimming pools"
    publish(lambda: wish.save_revision().publish())  # an edit
    publish(lambda: (wish.unpublish(), wish.save_revision().publish()))  # unpublished and published again
    publish(publish_new_wish, "W-0106", "Robots for pools", "泳池機械人")  # an unchanged re-import
    publish(publish_new_wish, "W-0106", "Robots for pools, updated", "泳池機械人")  # a changed re-import
    assert len(mail.outbox) == 1
    assert Announcement.objects.filter(kind="wish", item_key=wish.translation_key).count() == 1


def test_a_translation_published_later_does_not_alert_again(catalogue, publish):
    subscriber("robots@example.hk", categories=["robotics"])
    publish(publish_new_wish, "W-0107", "Robot guides", zh=False)
    publish(import_items, wish_records("W-0107", "Robot guides", "導覽機械人")[1:])
    assert len(mail.outbox) == 1


def test_wishes_already_closed_or_past_their_deadline_alert_nobody(catalogue, publish):
    subscriber("robots@example.hk", categories=["robotics"])
    publish(publish_new_wish, "W-0108", "Closed robots", status="closed")
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    publish(publish_new_wish, "W-0109", "Late robots", deadline=yesterday)
    assert mail.outbox == []


def test_publishing_does_not_send_anything_itself(catalogue, settings, django_capture_on_commit_callbacks):
    # With the database task backend (as in production) publishing only queues one task.
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    subscriber("robots@example.hk", categories=["robotics"])
    with django_capture_on_commit_callbacks(execute=True):
        publish_new_wish("W-0110", "Robots for stairs")
    assert mail.outbox == [] and Alert.objects.count() == 0
    queued = DBTaskResult.objects.filter(task_path__startswith="notifications.")
    assert list(queued.values_list("task_path", flat=True)) == ["notifications.tasks.match_subscribers"]


def test_new_innodays_and_reports_reach_those_who_opted_in(catalogue, innoday, publish):
    # The InnoDay fixture was published outside a commit; announce it as an editor would publish it.
    Announcement.objects.all().delete()
    subscriber("days@example.hk", categories=["robotics"], innodays=True)
    subscriber("reports@example.hk", language="zh-hant", categories=["energy-efficiency"], reports=True)
    subscriber("robot-reports@example.hk", categories=["robotics"], reports=True)
    subscriber("plain@example.hk", all_categories=True)
    publish(lambda: innoday["en"].save_revision().publish())
    assert recipients() == ["days@example.hk"]
    assert mail.outbox[0].subject == "New InnoDay: InnoDay: smart buildings"

    mail.outbox.clear()
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="zh-hant")
    publish(lambda: trial.save_revision().publish())
    assert recipients() == ["reports@example.hk"]
    assert "機電工程署總部無油製冷機試驗" in mail.outbox[0].subject
    assert "能源消耗減少五分之一" in mail.outbox[0].body


def test_a_report_is_announced_when_it_is_first_published_not_when_the_trial_starts(catalogue, publish):
    subscriber("reports@example.hk", categories=["energy-efficiency"], reports=True)
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="en")
    Announcement.objects.all().delete()
    Trial.objects.filter(translation_key=trial.translation_key).update(status="in-progress")
    trial.refresh_from_db()
    publish(lambda: trial.save_revision().publish())
    assert mail.outbox == []
    trial.set_facts(status="completed")
    publish(lambda: trial.save_revision().publish())
    assert recipients() == ["reports@example.hk"]


def test_unsubscribed_people_get_nothing_more(catalogue, publish):
    robots = subscriber("robots@example.hk", frequency="daily", categories=["robotics"])
    publish(publish_new_wish, "W-0111", "Robots for roofs")
    assert Alert.objects.filter(status="pending").count() == 1
    unsubscribe(robots)
    from notifications.delivery import send_digests

    assert send_digests("daily") == (0, 0)
    assert mail.outbox == []
