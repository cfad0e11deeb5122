"""Subscribers and new wishes for alert tests, made the way the portal makes them."""

from django.utils import timezone

from catalogue.importer import import_records, parse_lines
from catalogue.importer.loader import existing_keys
from notifications.models import Subscription
from notifications.subscriptions import set_choices
from tests.content import bilingual, jsonl


def subscriber(email, language="en", frequency="immediate", **choices):
    """A confirmed subscriber; `choices` as the form gives them (categories, keywords, innodays, ...)."""
    subscription = Subscription.objects.create(email=email, status="confirmed", confirmed_at=timezone.now())
    set_choices(subscription, language=language, frequency=frequency, **choices)
    return subscription


def wish_records(key, en, zh=None, *, categories=("robotics",), organisation="emsd", status="open", **fields):
    """A wish in English and (unless `zh` is False) Traditional Chinese; `en`/`zh` are titles or field dicts."""
    en = en if isinstance(en, dict) else {"title": en, "summary": f"About {en}."}
    zh = zh if isinstance(zh, dict) or zh is False else {"title": zh or f"{en['title']}（中文）", "summary": "摘要。"}
    shared = {"organisation": organisation, "categories": list(categories), "status": status, "published": "2026-01-05"}
    records = bilingual("wish", key, en, zh or {}, **shared, **fields)
    return records if zh is not False else records[:1]


def import_items(records):
    """Through the catalogue importer, as `manage.py import_catalogue` would."""
    return import_records(parse_lines(jsonl(records).splitlines(), existing_keys()))


def publish_new_wish(key, en, zh=None, **fields):
    return import_items(wish_records(key, en, zh, **fields))
