import datetime

from django.utils import timezone

from innodays.models import InnoDayIndexPage, InnoDayPage
from innoportal.page_tree import ensure_page, homes


def build_innoday(capacity=2, opens_in=-1, closes_in=5, starts_in=7, slug="innoday-test"):
    """An InnoDay in both languages; times are days from now."""
    now = timezone.now()
    index = ensure_page(
        homes(), InnoDayIndexPage, "innodays", {"en": {"title": "InnoDays"}, "zh-hant": {"title": "創科日"}}
    )
    starts = now + datetime.timedelta(days=starts_in)
    common = {
        "starts": starts,
        "ends": starts + datetime.timedelta(hours=3),
        "capacity": capacity,
        "registration_opens": now + datetime.timedelta(days=opens_in),
        "registration_closes": now + datetime.timedelta(days=closes_in),
    }
    fields = {
        "en": {"title": "InnoDay: smart buildings", "intro": "Chillers and analytics.", "venue": "EMSD HQ", **common},
        "zh-hant": {"title": "創科日：智慧建築", "intro": "製冷機與數據分析。", "venue": "機電工程署總部", **common},
    }
    return ensure_page(index, InnoDayPage, slug, fields, show_in_menus=False)
