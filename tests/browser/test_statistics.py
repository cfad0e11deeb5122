"""The statistics page in headless Chromium: WCAG 2.1 AA (axe-core), nothing refused by the
Content-Security-Policy, a 320 px phone without sideways scrolling (the tables scroll in their own
region), and printed with its data tables unfolded."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCREENSHOTS, WCAG_21_AA, too_wide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_the_statistics_page_is_accessible_fits_a_phone_and_prints_its_tables(live_server, catalogue, page, lang):
    page.goto(f"{live_server.url}/{lang}/statistics/")
    results = Axe().run(page, options=WCAG_21_AA)
    assert not results.violations_count, results.generate_snapshot()
    assert not too_wide(page, screenshot=SCREENSHOTS / f"phone-statistics-{lang}.png")
    assert page.locator("main svg").count() == 8 and page.locator("main table").count() == 5
    assert not page.locator("#trend-table").is_visible()  # folded in its <details> on screen
    page.emulate_media(media="print")
    assert page.locator("#trend-table").is_visible() and page.locator("#funnel-table").is_visible()
    assert not page.locator(".chart__data > summary").first.is_visible()
