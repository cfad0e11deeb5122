"""The alert pages behind signed links speak only Chinese on /zh-hant/ (the public ones are in tests/home)."""

import pytest

from notifications.tokens import make_token
from tests.home.test_languages import ui_strings
from tests.html import soup
from tests.notifications.builders import subscriber

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["manage", "confirm", "unsubscribe"])
def test_no_english_interface_text_on_chinese_alert_pages(client, catalogue, path):
    ada = subscriber("ada@example.hk", categories=["robotics"], organisation_types=["department"], keywords="渠道")
    page = soup(client.get(f"/zh-hant/alerts/{path}/{make_token(ada, path)}/"))
    for node in page(["script", "style"]):
        node.decompose()
    visible = {" ".join(s.split()) for s in page.stripped_strings}
    visible |= {el.get("aria-label") for el in page.select("[aria-label]")}
    left = visible & ui_strings()
    assert not left, f"English left on {path}: {sorted(left)}"
    assert "電郵通知及資訊提供" in visible
