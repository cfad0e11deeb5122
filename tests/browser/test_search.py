"""Search in a real browser: suggestions while typing, facets as links, the zero-results page (WCAG)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_accessibility import WCAG_21_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_offers_titles_and_a_facet_narrows_the_results(live_server, catalogue, page):
    page.goto(live_server.url + "/en/search/")
    page.type("#search-query", "magn", delay=30)
    page.wait_for_function("document.querySelectorAll('#search-suggestions option').length > 0")
    options = page.eval_on_selector_all("#search-suggestions option", "els => els.map(e => e.value)")
    assert options == ["Oil-free magnetic bearing chiller"]

    page.fill("#search-query", "chiller")
    page.press("#search-query", "Enter")
    page.wait_for_selector(".search-results")
    assert page.locator(".search-results > li").count() == 3
    page.click('ul[aria-labelledby="facet-kind"] a:has-text("Trials")')
    page.wait_for_url("**type=trial**")
    assert page.locator(".search-results h3").all_inner_texts() == ["Oil-free chiller at EMSD HQ"]
    page.screenshot(path=SCREENSHOTS / "search-facet-en.png", full_page=True)


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_results_and_zero_results_meet_wcag_21_aa(live_server, catalogue, page, lang):
    axe = Axe()
    problems = {}
    for path in ["/{lang}/search/?q=節能&type=wish", "/{lang}/search/?q=chiller&category=robotics"]:
        page.goto(live_server.url + path.format(lang=lang))
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            problems[path] = results.generate_snapshot()
    page.screenshot(path=SCREENSHOTS / f"search-zero-results-{lang}.png", full_page=True)
    assert not problems, problems
