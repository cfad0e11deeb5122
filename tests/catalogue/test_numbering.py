"""The Inno Office's numbers: each wish, solution and trial is numbered once, when first published,
in order within its year; the number shows on the page and in the API and never changes."""

import re

from catalogue.models import Wish, WishPage
from catalogue.numbering import assign_number
from tests.html import soup, text
from tests.notifications.builders import publish_new_wish


def test_published_items_are_numbered_by_year_in_order(catalogue):
    assert re.fullmatch(r"W-2019-000[12]", Wish.objects.get(key="W-0001").number)
    publish_new_wish("W-0100", "Quieter pumps")
    publish_new_wish("W-0101", "Cooler roofs")
    assert Wish.objects.get(key="W-0100").number == "W-2026-0001"
    assert Wish.objects.get(key="W-0101").number == "W-2026-0002"


def test_a_number_never_changes_when_the_page_is_edited_unpublished_or_published_again(client, catalogue):
    publish_new_wish("W-0100", "Quieter pumps")
    page = WishPage.objects.get(item__key="W-0100", locale__language_code="en")
    number = page.item.number
    page.title = "Quieter pumps everywhere"
    page.save_revision().publish()
    page.unpublish()
    page.get_latest_revision().publish()
    assert Wish.objects.get(key="W-0100").number == number == assign_number(page.item)
    assert number in text(soup(client.get(page.url)).select_one(".eyebrow"))
    api = client.get(f"/api/v2/pages/{page.pk}/?fields=number").json()
    assert api["number"] == number


def test_a_draft_has_no_number(catalogue):
    wish = Wish.objects.get(key="W-0002")
    page = WishPage.objects.get(item=wish, locale__language_code="en").copy(
        update_attrs={"slug": "copy-of-drains", "title": "Copy"}, keep_live=False
    )
    assert page.item.number is None and not page.live
