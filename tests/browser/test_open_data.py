"""The open data page, its data dictionary and the public API's documentation in headless Chromium:
WCAG 2.1 AA (axe-core) on a desktop screen and on a 320 px phone, nothing refused by the
Content-Security-Policy, and no sideways scrolling on the phone (the tables scroll in their own named
region, which the keyboard reaches), in English and Traditional Chinese."""

import pytest

from opendata import store
from tests.browser.conftest import SCREENSHOTS, check_accessible_and_narrow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAGES = {"open-data": "/open-data/", "dictionary": "/open-data/dictionary/", "api-docs": "/api-docs/"}
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 320, "height": 700}


@pytest.fixture(autouse=True)
def open_data_folder(settings, tmp_path):
    """The files of these tests in a folder of their own, under a version of their own."""
    settings.OPENDATA_ROOT = tmp_path / "opendata"
    store.refresh()


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_the_open_data_pages_and_the_api_docs_are_accessible_and_fit_a_phone(live_server, catalogue, page, lang):
    problems = {}
    for name, path in PAGES.items():
        page.goto(f"{live_server.url}/{lang}{path}")
        assert page.locator("main h1").count() == 1, name
        check_accessible_and_narrow(page, problems, name)
        # Again on the phone, where the tables scroll sideways in their regions (axe checks that a
        # keyboard can reach a scrolling region).
        page.set_viewport_size(PHONE)
        check_accessible_and_narrow(page, problems, f"{name} at 320 px")
        page.screenshot(path=SCREENSHOTS / f"phone-open-data-{name}-{lang}.png", full_page=True)
        page.set_viewport_size(DESKTOP)
    assert not problems, problems


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_each_table_scrolls_in_a_region_named_by_its_caption_that_the_keyboard_reaches(
    live_server, catalogue, page, lang
):
    page.set_viewport_size(PHONE)
    for path in (PAGES["open-data"], PAGES["dictionary"]):
        page.goto(f"{live_server.url}/{lang}{path}")
        tables = page.locator("main table").all()
        assert tables, path
        for table in tables:
            assert table.locator("caption").count() == 1, path
            caption = table.locator("caption").inner_text().strip()
            assert caption, path
            region = page.get_by_role("region", name=caption, exact=True)
            assert region.count() == 1, (path, caption)
            assert region.get_attribute("tabindex") == "0", (path, caption)
            assert region.locator("table").count() == 1, (path, caption)
            region.focus()
            assert region.evaluate("element => element === document.activeElement"), (path, caption)
