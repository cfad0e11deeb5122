"""WCAG 2.1 AA checks with axe-core (bundled in axe-playwright-python) on the main pages, both languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCREENSHOTS, WCAG_21_AA, check_accessible_and_narrow, log_in, too_wide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each page type, by the name its phone screenshot gets: screenshots/phone-<type>-<lang>.png.
PAGES = {
    "home": "/{lang}/",
    "wishes": "/{lang}/wishes/",
    "wishes-category": "/{lang}/wishes/?category=robotics",
    "wish": "/{lang}/wishes/cut-chiller-energy-use/",
    "solution": "/{lang}/solutions/oil-free-magnetic-bearing-chiller/",
    "trial": "/{lang}/trials/oil-free-chiller-at-emsd-hq/",
    "trials": "/{lang}/trials/",
    "reports": "/{lang}/reports/",
    "reports-benefit": "/{lang}/reports/?benefit=energy",
    "partners": "/{lang}/partners/",
    "about": "/{lang}/about/",
    "search": "/{lang}/search/?q=chiller",
    "not-found": "/{lang}/no-such-page/",
    "innozone": "/{lang}/innozone/",
    "exhibit": "/{lang}/innozone/s-0001/",
    "innodays": "/{lang}/innodays/",
    "innoday": "/{lang}/innodays/innoday-test/",
    "alerts": "/{lang}/alerts/",
    "signup": "/{lang}/accounts/signup/",
    "login": "/{lang}/accounts/login/",
    "password-reset": "/{lang}/accounts/password/reset/",
}


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_pages_meet_wcag_21_aa_and_fit_a_320_px_screen(live_server, zone, innoday, page, lang):
    """Every page type; each is also photographed whole at 320 px (screenshots/phone-<type>-<lang>.png)."""
    axe = Axe()
    problems = {}
    for name, path in PAGES.items():
        page.goto(live_server.url + path.format(lang=lang))
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            problems[path] = results.generate_snapshot()
        wide = too_wide(page, screenshot=SCREENSHOTS / f"phone-{name}-{lang}.png")
        if wide:
            problems[f"{path} at 320 px"] = wide
    assert not problems, problems


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_alert_pages_meet_wcag_21_aa(live_server, catalogue, page, lang):
    """The subscription form with its errors shown, and the pages behind the signed links."""
    from notifications.tokens import make_token
    from tests.notifications.builders import subscriber

    ada = subscriber(f"ada-{lang}@example.hk", language=lang, categories=["robotics"], keywords="drain")
    axe = Axe()
    problems = {}
    page.goto(live_server.url + f"/{lang}/alerts/")
    page.fill("#id_email", "not-an-address")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(".field__error")
    page.screenshot(path=SCREENSHOTS / f"alerts-errors-{lang}.png", full_page=True)
    for path in [
        None,
        *(f"/{lang}/alerts/{kind}/{make_token(ada, kind)}/" for kind in ("manage", "confirm", "unsubscribe")),
    ]:
        if path:
            page.goto(live_server.url + path)
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            problems[path or "form with errors"] = results.generate_snapshot()
    assert not problems, problems


def test_pages_work_on_a_phone_without_sideways_scrolling(live_server, catalogue, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    for path in [
        "/zh-hant/",
        "/en/wishes/",
        "/en/trials/oil-free-chiller-at-emsd-hq/",
        "/en/reports/",
        "/zh-hant/wishes/cut-chiller-energy-use/",
    ]:
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    phone.screenshot(path=SCREENSHOTS / "trial-phone.png", full_page=True)
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_my_innoportal_pages_meet_wcag_21_aa(live_server, catalogue, page, lang):
    """A provider logs in through the account form and opens their account and organisation pages,
    the organisation form once with its errors shown; at 320 px nothing scrolls sideways."""
    from tests.accounts.test_accounts import verified_user

    verified_user(f"maker-{lang}@example.hk")
    log_in(page, f"{live_server.url}/{lang}", f"maker-{lang}@example.hk")
    problems = {}
    for path in [f"/{lang}/my/account/", f"/{lang}/my/organisation/", "form with errors"]:
        if path == "form with errors":
            page.locator("main form button[type=submit]").click()
            page.wait_for_selector("#form-errors")
        else:
            page.goto(live_server.url + path)
        check_accessible_and_narrow(page, problems, path)
    page.screenshot(path=SCREENSHOTS / f"my-organisation-errors-{lang}.png", full_page=True)
    assert not problems, problems
