"""Hong Kong formats: dates as 31 December 2026 and 2026年12月31日, numbers grouped in thousands, money as
HK$1.2 million and 120萬港元."""

from django.utils import formats, timezone, translation

from catalogue.models import TrialPage, WishPage
from tests.html import soup, text


def page_url(model, key, language):
    with translation.override(language):
        return model.objects.get(item__key=key, locale__language_code=language.replace("hans", "hant")).url


def test_dates_read_as_hong_kong_writes_them(client, catalogue):
    facts = text(soup(client.get(page_url(WishPage, "W-0001", "en"))).select_one("main"))
    assert "31 January 2027" in facts  # the deadline; not "Jan. 31, 2027"
    assert "2027年1月31日" in text(soup(client.get(page_url(WishPage, "W-0001", "zh-hant"))).select_one("main"))


def test_money_in_millions_in_english_and_in_ten_thousands_in_chinese(client, catalogue):
    assert "HK$1.2 million" in text(soup(client.get(page_url(TrialPage, "T-0001", "en"))))
    assert "120萬港元" in text(soup(client.get(page_url(TrialPage, "T-0001", "zh-hant"))))
    assert "120万港元" in text(soup(client.get(page_url(TrialPage, "T-0001", "zh-hans"))))


def test_a_sentence_ending_in_a_time_has_one_full_stop(client, innoday):
    page = text(soup(client.get(innoday["en"].url)))
    closes = innoday["en"].registration_closes
    with translation.override("en"):
        when = formats.date_format(timezone.localtime(closes), "DATETIME_FORMAT")
    assert f"Registration closes {when}." in page and ".." not in page
    assert when.endswith(("AM", "PM")) and closes.strftime("%B") in when  # 30 December 2026, 9:30 AM
