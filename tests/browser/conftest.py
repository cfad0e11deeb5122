import os
import shutil
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the tests are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A browser tab; the test fails if anything on its pages was refused by the Content-Security-Policy."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    refused = refusals(page)
    yield page
    context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"


def refusals(page):
    """What the page's Content-Security-Policy refuses, as the browser reports it, from now on."""
    refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    return refused


def wait_until(page, expression, timeout=30_000):
    """Poll a JavaScript expression until true. Playwright's wait_for_function evaluates strings with
    eval(), which the site's Content-Security-Policy rightly forbids."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} ms: {expression}")
        time.sleep(0.05)


WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def log_in(page, base_url, email, password="Tr1al-and-error"):
    """Through the account log-in form, as a person would (`base_url` ends with the language)."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda address: "/accounts/login/" not in address)


def check_accessible_and_narrow(page, problems, key):
    """axe-core's WCAG 2.1 A/AA rules (violations collected in `problems[key]`), then nothing wider
    than a 320 px screen."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    if results.violations_count:
        nodes = [node["html"] for rule in results.response["violations"] for node in rule["nodes"]]
        problems[key] = (results.generate_snapshot(), nodes)
    wide = too_wide(page)
    assert not wide, (key, wide)


def too_wide(page, width=320, screenshot=None):
    """At a `width` px wide screen, what sticks out sideways (the document scrolls sideways): [] when nothing.

    With `screenshot` (a path), the whole page is also photographed at that width, before the screen is
    set back to its size: no second change of size, no second layout."""
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": 700})
    if screenshot:
        page.screenshot(path=screenshot, full_page=True)
    wide = []
    if not page.evaluate(f"document.documentElement.scrollWidth <= {width}"):
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth)"
            ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"
        ) or ["document.scrollWidth " + str(page.evaluate("document.documentElement.scrollWidth"))]
    page.set_viewport_size(size)
    return wide
