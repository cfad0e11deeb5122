"""The procurement toolkit in headless Chromium: WCAG 2.1 AA (axe-core) and a 320 px phone, in both
languages, with a non-compliant scheme's findings and a tender ranking on screen; the checker's form
filled in and sent as a person would."""

from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCREENSHOTS, WCAG_21_AA, too_wide
from tests.procurement.test_pages import TENDERS, scheme_query, scoring_query

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROWS = [("Experience", "18", "experience"), ("Innovation", "25", "innovation"), ("Method", "57", "other")]


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_the_checker_and_the_scoring_are_accessible_and_fit_a_phone(live_server, page, lang):
    addresses = {
        "checker": f"/{lang}/procurement/checker/?{urlencode(scheme_query(ROWS, '40', '60'))}",
        "scoring": f"/{lang}/procurement/scoring/?{urlencode(scoring_query(TENDERS))}",
        "solutions": f"/{lang}/procurement/solutions/",
    }
    for name, address in addresses.items():
        page.goto(live_server.url + address)
        results = Axe().run(page, options=WCAG_21_AA)
        assert not results.violations_count, (name, results.generate_snapshot())
        assert not too_wide(page, screenshot=SCREENSHOTS / f"phone-procurement-{name}-{lang}.png"), name
    page.goto(live_server.url + addresses["checker"])
    assert page.locator(".finding--fail").count() == 2


def test_a_person_fills_in_the_checker_and_reads_the_fix(live_server, page):
    page.goto(f"{live_server.url}/en/procurement/checker/")
    page.fill("#id_technical_weight", "40")
    page.fill("#id_price_weight", "60")
    for row, (name, marks, kind) in enumerate(ROWS):
        page.fill(f"#id_c-{row}-name", name)
        page.fill(f"#id_c-{row}-marks", marks)
        page.select_option(f"#id_c-{row}-kind", kind)
    page.get_by_role("button", name="Check the scheme").click()
    assert "Reduce experience marks from 18 to 15" in page.locator("#rule-experience").inner_text()
    assert "technical_weight=40" in page.url  # the result's address holds the scheme, to share or reopen


def test_from_the_checker_to_the_finder_and_a_trials_report(live_server, catalogue, page):
    page.goto(f"{live_server.url}/en/procurement/checker/?{urlencode(scheme_query(ROWS, subject='chiller'))}")
    page.get_by_role("link", name="Find solutions and completed trials for “chiller”").click()
    page.wait_for_url("**/en/procurement/solutions/?subject=chiller")
    assert page.locator("#id_subject").input_value() == "chiller"
    report = page.locator(".finder-report")
    assert "Energy use fell by a fifth." in report.inner_text()
    results = Axe().run(page, options=WCAG_21_AA)
    assert not results.violations_count, results.generate_snapshot()
    assert not too_wide(page, screenshot=SCREENSHOTS / "phone-procurement-finder-results-en.png")
    report.get_by_role("link", name="Read the report on the trial's page").click()
    page.wait_for_url("**/en/trials/**#report")
    assert page.locator("#report h2").inner_text() == "Verified performance report"
