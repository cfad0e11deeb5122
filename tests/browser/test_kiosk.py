"""The InnoZone kiosk in headless Chromium, as a visitor and an editor would meet it."""

import time

import pytest

from innozone.models import ExhibitPage
from tests.browser.conftest import SCREENSHOTS, refusals, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kiosk_context(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, has_touch=True, locale="en-GB")
    yield context
    context.close()


@pytest.fixture
def kiosk(live_server, zone, kiosk_context):
    page = kiosk_context.new_page()
    refused = refusals(page)
    page.goto(f"{live_server.url}/en/innozone/kiosk/")
    wait_until(page, "window.kiosk !== undefined")
    yield page
    assert not refused, f"the Content-Security-Policy refused: {refused}"


def title(page):
    return page.locator(".attract__title").inner_text()


def retitle(booth, language, new_title):
    exhibit = ExhibitPage.objects.get(booth=booth, locale__language_code=language)
    exhibit.title = new_title
    exhibit.save_revision().publish()


def test_attract_loop_rotates_through_the_exhibits(kiosk):
    seen = {title(kiosk)}
    wait_until(kiosk, "window.kiosk.state.rotations >= 1", timeout=5000)
    seen.add(title(kiosk))
    assert seen == {"Oil-free magnetic bearing chiller", "Drain inspection robot"}
    assert kiosk.locator(".attract__image").evaluate("img => img.complete && img.naturalWidth > 0")
    kiosk.screenshot(path=SCREENSHOTS / "kiosk-attract-en.png")


def test_a_tap_opens_the_detail_and_idle_returns_to_the_loop(kiosk):
    shown = title(kiosk)
    kiosk.locator("#attract-open").tap()
    detail = kiosk.locator("#detail")
    assert detail.is_visible() and kiosk.locator("#attract").is_hidden()
    assert kiosk.locator(".detail__title").inner_text() == shown
    assert kiosk.locator(".detail__qr-code svg").count() == 1
    assert kiosk.locator(".detail__thumbs button").count() == 2
    kiosk.locator(".detail__thumbs button").nth(1).tap()
    assert kiosk.locator(".detail__thumbs button").nth(1).get_attribute("aria-pressed") == "true"
    kiosk.screenshot(path=SCREENSHOTS / "kiosk-detail-en.png")
    # Nobody touches the screen for the idle time (2 s here): back to the attract loop.
    detail.wait_for(state="hidden", timeout=6000)
    assert kiosk.locator("#attract").is_visible()


def test_language_toggle_and_return_to_the_default_language_when_idle(kiosk):
    kiosk.locator("#language").tap()
    assert kiosk.locator("html").get_attribute("lang") == "zh-Hant-HK"
    assert kiosk.locator(".attract__hint").inner_text() == "輕觸屏幕了解此展品"
    assert title(kiosk) in {"無油磁浮軸承製冷機", "渠道檢查機械人"}
    assert kiosk.locator("#language").inner_text() == "简体中文"  # the next language: English, 繁, 简 in turn
    kiosk.locator("#language").tap()
    assert kiosk.locator("html").get_attribute("lang") == "zh-Hans"
    assert kiosk.locator(".attract__hint").inner_text() == "轻触屏幕了解此展品"
    assert title(kiosk) in {"无油磁浮轴承制冷机", "渠道检查机械人"}
    assert kiosk.locator("#language").inner_text() == "English"
    kiosk.locator("#attract-open").tap()
    assert kiosk.locator(".detail__back").inner_text() == "返回所有展品"
    kiosk.screenshot(path=SCREENSHOTS / "kiosk-detail-zh-hans.png")
    wait_until(kiosk, "document.documentElement.lang === 'en-HK'", timeout=6000)
    assert kiosk.locator("#attract").is_visible()
    assert kiosk.locator(".attract__hint").inner_text() == "Touch the screen to explore this exhibit"


def test_an_editors_change_appears_without_a_reload(kiosk):
    kiosk.evaluate("window.sameDocument = true")
    retitle("A1", "en", "Oil-free chiller, second generation")
    wait_until(
        kiosk,
        "document.querySelector('.attract__title').textContent === 'Oil-free chiller, second generation'",
        timeout=8000,
    )
    assert kiosk.evaluate("window.sameDocument") is True
    assert kiosk.evaluate("performance.getEntriesByType('navigation').length") == 1


def wait_until_cached(page, expected, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = page.evaluate("caches.open('innozone-kiosk-v1').then(c => c.keys()).then(k => k.length)")
        if count >= expected:
            return count
        time.sleep(0.2)
    raise AssertionError(f"the service worker cached {count} of {expected} responses")


def test_the_kiosk_keeps_running_offline_and_catches_up_afterwards(kiosk, kiosk_context):
    wait_until(kiosk, "navigator.serviceWorker.controller !== null", timeout=10000)
    # page, feed, 3 assets, and per exhibit 2 slides + 2 thumbnails
    wait_until_cached(kiosk, 1 + 1 + 3 + 2 * 4)

    kiosk_context.set_offline(True)
    retitle("B2", "en", "Drain robot, changed while the kiosk was offline")
    rotations = kiosk.evaluate("window.kiosk.state.rotations")
    wait_until(kiosk, f"window.kiosk.state.rotations >= {rotations + 3}", timeout=8000)
    wait_until(kiosk, "window.kiosk.state.online === false", timeout=5000)
    assert title(kiosk) in {"Oil-free magnetic bearing chiller", "Drain inspection robot"}
    assert "offline" not in kiosk.evaluate("JSON.stringify(window.kiosk.state.feed)")  # the network is really cut

    # Even a restart of the kiosk while offline comes back from what it last loaded.
    kiosk.reload()
    wait_until(kiosk, "window.kiosk !== undefined")
    assert title(kiosk) in {"Oil-free magnetic bearing chiller", "Drain inspection robot"}
    assert kiosk.locator(".attract__image").evaluate("img => img.complete && img.naturalWidth > 0")
    kiosk.screenshot(path=SCREENSHOTS / "kiosk-offline.png")

    kiosk_context.set_offline(False)
    wait_until(
        kiosk,
        "window.kiosk.state.feed.exhibits.some(e => e.text.en.title.endsWith('while the kiosk was offline'))",
        timeout=8000,
    )
    assert kiosk.evaluate("window.kiosk.state.online") is True


def test_both_kiosk_views_meet_wcag_21_aa(kiosk):
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.test_accessibility import WCAG_21_AA

    kiosk.evaluate("window.kiosk.state.feed.settings.rotate_seconds = 3600")  # hold still while checked
    attract = Axe().run(kiosk, options=WCAG_21_AA)
    kiosk.locator("#attract-open").tap()
    detail = Axe().run(kiosk, options=WCAG_21_AA)
    assert (attract.violations_count, detail.violations_count) == (0, 0), (
        attract.generate_snapshot() + detail.generate_snapshot()
    )
