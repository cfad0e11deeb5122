"""A provider proposes a solution to a wish in a real browser, in each language: the form, its errors
and the saved draft meet WCAG 2.1 AA (axe-core) and do not scroll sideways on a 320 px wide screen."""

import pytest
from PIL import Image

from tests.browser.conftest import SCREENSHOTS, check_accessible_and_narrow, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "propose": "Propose a solution",
        "send": "Send for vetting",
        "save": "Save draft",
        "saved": "Your draft is saved.",
        "robotics": "Robotics applications",
        "title": "Drain crawler",
        "summary": "A crawler robot that inspects drains.",
        "description": "It films the pipe and maps the cracks it finds.",
    },
    "zh-hant": {
        "propose": "提出方案",
        "send": "提交審核",
        "save": "儲存草稿",
        "saved": "你的草稿已儲存。",
        "robotics": "機械人應用",
        "title": "渠道爬行機械人",
        "summary": "檢查渠道的爬行機械人。",
        "description": "它拍攝管道並標示找到的裂縫。",
    },
}


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_provider_proposes_a_solution_in_an_accessible_form(live_server, catalogue, page, tmp_path, lang):
    from catalogue.models import WishPage
    from tests.submissions.helpers import member

    words = WORDS[lang]
    member(f"maker-{lang}@example.hk", "polyu")
    log_in(page, f"{live_server.url}/{lang}", f"maker-{lang}@example.hk")
    problems = {}

    # From the wish page's button: the form already answers that wish.
    wish = WishPage.objects.get(item__key="W-0002", locale__language_code=lang)
    page.goto(live_server.url + wish.url)
    page.locator("main").get_by_role("link", name=words["propose"], exact=True).click()
    page.wait_for_url(lambda address: f"/{lang}/my/submissions/new/solution/" in address)
    assert page.locator(f"input[name=wishes][value='{wish.item_id}']").is_checked()
    check_accessible_and_narrow(page, problems, "empty form")

    # Sent empty: the errors are listed at the top and shown beside the fields.
    page.get_by_role("button", name=words["send"], exact=True).click()
    page.wait_for_selector("#form-errors")
    summary = page.locator("#form-errors li")
    assert summary.count() >= 3, summary.all_inner_texts()  # a title, the categories, the TRL
    beside = page.locator("form .field--error .field__error")
    assert beside.count() >= 2, beside.all_inner_texts()  # the categories and the TRL
    links = page.locator("#form-errors a").evaluate_all("links => links.map(a => a.hash)")
    assert "#id_trl" in links and all(page.locator(link).count() == 1 for link in links), links
    page.screenshot(path=SCREENSHOTS / f"submission-errors-{lang}.png", full_page=True)
    check_accessible_and_narrow(page, problems, "form with errors")

    # Filled in the page's language, with a photo, and saved as a draft.
    photo = tmp_path / "crawler.png"
    Image.new("RGB", (40, 30), (20, 120, 200)).save(photo)
    page.fill(f"#id_{lang}-title", words["title"])
    page.fill(f"#id_{lang}-summary", words["summary"])
    page.fill(f"#id_{lang}-description", words["description"])
    page.get_by_label(words["robotics"], exact=True).check()
    page.select_option("#id_trl", "5")
    page.set_input_files("input[name=photos]", photo)
    page.get_by_role("button", name=words["save"], exact=True).click()
    page.wait_for_url(lambda address: address.endswith("/edit/"))
    assert words["saved"] in page.locator(".messages").inner_text()
    assert page.locator("#form-errors").count() == 0
    assert page.locator("ul.attachments").get_by_role("link", name="crawler.png").is_visible()
    assert page.input_value(f"#id_{lang}-title") == words["title"]
    page.screenshot(path=SCREENSHOTS / f"submission-draft-{lang}.png", full_page=True)
    check_accessible_and_narrow(page, problems, "saved draft")

    assert not problems, problems
