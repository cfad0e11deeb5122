from io import StringIO

import pytest

from notifications.demo import load_demo
from notifications.models import Subscription

pytestmark = pytest.mark.django_db


def test_demo_subscribers_fill_the_admin_overview_once(catalogue):
    out = StringIO()
    load_demo(out)
    load_demo(out)  # loading again adds nobody
    assert Subscription.objects.filter(status="confirmed").count() == 4
    ai = Subscription.objects.get(email="ai.research@example.com")
    assert (ai.language, ai.category_keys(), ai.organisation_types(), ai.keywords) == (
        "zh-hant",
        ["ai-data-analytics"],
        ["department"],
        "數據,analytics",
    )
    assert "Alert subscribers: 4" in out.getvalue()
