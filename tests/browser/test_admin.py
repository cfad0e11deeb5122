"""Wagtail's editor works under the admin's Content-Security-Policy: an editor logs in through the form
(past the log-in lock-out), edits a wish in the rich-text editor, previews and publishes it. The `page`
fixture fails the test if the policy refused anything on the way."""

import pytest
from django.contrib.auth import get_user_model

from catalogue.models import WishPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_edits_previews_and_publishes_a_wish(live_server, catalogue, page):
    get_user_model().objects.create_superuser("editor", "editor@example.gov.hk", "a-long-password-1")
    wish = WishPage.objects.get(item__key="W-0001", locale__language_code="en")

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "a-long-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/{wish.pk}/edit/")
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.wait_for()
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Tested in the browser.")

    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    preview.locator("h1").wait_for()
    assert preview.locator("h1").inner_text() == wish.title

    page.locator("[data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{wish.get_parent().pk}/")
    wish.refresh_from_db()
    assert "Tested in the browser." in wish.body
