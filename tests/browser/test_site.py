"""Real-browser checks in headless Chromium: the home page in both languages and the language switch."""

import pytest

from tests.browser.conftest import SCREENSHOTS, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_in_both_languages(live_server, catalogue, page):
    page.goto(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en-HK"
    assert page.get_by_role("heading", level=1).inner_text() == "Innovation for public services"
    figures = page.locator(".figures__list").inner_text()
    assert "I&T wishes" in figures and "HK$1.2 million" in figures
    page.screenshot(path=SCREENSHOTS / "home-en.png", full_page=True)

    page.get_by_role("navigation", name="Language").get_by_role("link", name="繁體中文").click()
    page.wait_for_url(f"{live_server.url}/zh-hant/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant-HK"
    assert page.get_by_role("heading", level=1).inner_text() == "創新科技服務市民"
    assert "創科願望" in page.locator(".figures__list").inner_text()
    page.screenshot(path=SCREENSHOTS / "home-zh-hant.png", full_page=True)


def test_language_switch_from_a_wish_lands_on_its_translation(live_server, catalogue, page):
    page.goto(f"{live_server.url}/zh-hant/wishes/cut-chiller-energy-use/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/wishes/cut-chiller-energy-use/")
    assert page.get_by_role("heading", level=1).inner_text() == "Cut chiller energy use"


def test_keyboard_user_can_skip_to_the_content(live_server, catalogue, page):
    page.goto(f"{live_server.url}/en/wishes/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0  # it comes into view when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.screenshot(path=SCREENSHOTS / "wishes-en.png")


def test_filters_work_in_the_browser(live_server, catalogue, page):
    page.goto(f"{live_server.url}/en/wishes/")
    page.get_by_role("link", name="Robotics applications (1)").click()
    page.wait_for_url("**/en/wishes/?category=robotics")
    assert page.locator(".card__title").all_inner_texts() == ["Robots to clean drains"]


def test_on_a_phone_the_menu_and_the_filters_fold(live_server, catalogue, browser):
    context = browser.new_context(viewport={"width": 320, "height": 700}, locale="en-GB")
    phone = context.new_page()
    phone.goto(f"{live_server.url}/en/wishes/")
    menu = phone.get_by_role("button", name="Menu")
    assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
    assert not phone.get_by_role("navigation", name="Main").is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert phone.get_by_role("navigation", name="Main").get_by_role("link", name="I&T wishes").is_visible()
    filters = phone.locator("details.fold")
    assert filters.get_attribute("open") is None
    assert not phone.locator(".facet-list a").first.is_visible()
    phone.locator("details.fold > summary").click()
    assert phone.locator(".facet-list a").first.is_visible()
    phone.screenshot(path=SCREENSHOTS / "wishes-phone-en.png", full_page=True)
    phone.set_viewport_size({"width": 1280, "height": 900})  # a wide screen: everything open, no button
    wait_until(phone, "document.querySelector('.menu-toggle').hidden && document.querySelector('details.fold').open")
    assert phone.get_by_role("navigation", name="Main").is_visible()
    context.close()


def test_a_confirmation_pages_heading_stands_clear_of_the_header(live_server, site_tree, page):
    page.goto(f"{live_server.url}/en/alerts/check-your-inbox/")
    header = page.locator(".site-header").bounding_box()
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading["y"] - (header["y"] + header["height"]) >= 24
