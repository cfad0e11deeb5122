"""Demo subscribers, so that the admin's alert overview shows something. Their addresses are on
example.com, which receives no mail. Called by `manage.py load_demo_content`."""

from django.utils import timezone

from notifications.models import Subscription
from notifications.subscriptions import set_choices

SUBSCRIBERS = [
    ("energy.lab@example.com", "en", "immediate", {"categories": ["energy-efficiency", "energy-storage"]}),
    ("robotics.startup@example.com", "en", "daily", {"categories": ["robotics"], "innodays": True}),
    ("smart.city@example.com", "zh-hant", "weekly", {"all_categories": True, "reports": True}),
    (
        "ai.research@example.com",
        "zh-hant",
        "immediate",
        {"categories": ["ai-data-analytics"], "organisation_types": ["department"], "keywords": "數據, analytics"},
    ),
]


def load_demo(stdout):
    for email, language, frequency, choices in SUBSCRIBERS:
        subscription, created = Subscription.objects.get_or_create(
            email=email, defaults={"status": "confirmed", "confirmed_at": timezone.now()}
        )
        if created:
            set_choices(subscription, language=language, frequency=frequency, **choices)
    stdout.write(f"Alert subscribers: {Subscription.objects.filter(status='confirmed').count()}")
