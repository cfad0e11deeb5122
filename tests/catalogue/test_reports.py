"""The verified performance report as a PDF: a real report in every language, its fonts embedded."""

import io

import pypdfium2
import pytest
from django.core.management import call_command
from pypdf import PdfReader

from catalogue import report_fonts
from catalogue.models import TrialPage
from tests.html import soup

pytestmark = pytest.mark.skipif(not report_fonts.available(), reason="Noto Sans CJK is not installed")
TRIAL = "/{}/trials/oil-free-chiller-at-emsd-hq/"


def download(client, language):
    link = soup(client.get(TRIAL.format(language))).select_one(".report a[download]")
    response = client.get(link["href"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    pdf.text = [page.get_textpage().get_text_bounded() for page in pypdfium2.PdfDocument(response.content)]
    return link, pdf


def text_of(pdf):
    """The text as a reader copies it (Chrome's PDF engine)."""
    return "\n".join(pdf.text)


def fonts_of(pdf):
    """(name, embedded) for every font the pages use."""
    found = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            found[font["/BaseFont"]] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_the_report_is_a_real_report_in_english_with_its_fonts_embedded(client, catalogue):
    link, pdf = download(client, "en")
    assert "Download the full report" in link.get_text() and "PDF" in link.get_text()
    assert len(pdf.pages) >= 2  # a cover, then the report
    cover, text = pdf.text[0], text_of(pdf)
    assert "E&M InnoPortal" in cover and "E&M;" not in text
    assert "Oil-free chiller at EMSD HQ" in cover and "Electrical and Mechanical Services Department" in cover
    for section in ("Summary", "Results", "Method", "Trial details"):
        assert section in text
    assert "Energy use fell by a fifth." in text and "Energy saving" in text and "21.5 %" in text
    assert "Pilot project" in text and "EMSD Headquarters" in text and "HK$1.2 million" in text
    assert "1 September 2018" in text  # Hong Kong date format
    assert pdf.metadata.title == "Verified performance report: Oil-free chiller at EMSD HQ"
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    fonts = fonts_of(pdf)
    assert fonts and all(fonts.values()), fonts
    assert all("NotoSansCJKHK" in name for name in fonts)


def test_traditional_and_simplified_reports_speak_their_own_script(client, catalogue):
    link, pdf = download(client, "zh-hant")
    assert "下載報告全文" in link.get_text()
    text = text_of(pdf)
    assert "機電工程署總部無油製冷機試驗" in text and "能源消耗減少五分之一。" in text
    assert "經驗證的表現報告" in text and "摘要" in text and "2018年9月1日" in text
    assert "120萬港元" in text
    assert all(fonts_of(pdf).values())
    assert pdf.trailer["/Root"]["/Lang"] == "zh-hant"

    link, pdf = download(client, "zh-hans")
    assert link["href"].startswith("/zh-hans/")
    text = text_of(pdf)
    assert "机电工程署总部无油制冷机试验" in text and "能源消耗减少五分之一。" in text
    assert "经验证的表现报告" in text and "經驗證" not in text and "機電" not in text
    assert "120万港元" in text
    fonts = fonts_of(pdf)
    assert all(fonts.values()) and all("NotoSansCJKSC" in name for name in fonts)  # Mainland glyph forms


def test_a_published_edit_reaches_the_next_download(client, catalogue):
    download(client, "en")  # made and kept
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="en")
    trial.report_summary = "Energy use fell by a quarter after tuning."
    trial.save_revision().publish()
    _, pdf = download(client, "en")
    assert "fell by a quarter after tuning" in text_of(pdf)


def test_a_trial_without_a_verified_report_offers_no_pdf(client, catalogue):
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="en")
    trial.report_summary = ""
    trial.save_revision().publish()
    page = soup(client.get(TRIAL.format("en")))
    assert page.select_one(".report a[download]") is None
    assert client.get(TRIAL.format("en") + "report/").status_code == 404


def test_an_unpublished_trial_report_is_not_served(client, catalogue):
    TrialPage.objects.get(item__key="T-0001", locale__language_code="en").unpublish()
    assert client.get(TRIAL.format("en") + "report/").status_code == 404


def test_without_the_font_the_site_says_so_and_offers_no_pdf(client, catalogue, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(report_fonts, "SYSTEM_DIRS", ())
    monkeypatch.setenv("REPORT_FONT_DIR", str(tmp_path))
    assert soup(client.get(TRIAL.format("en"))).select_one(".report a[download]") is None
    assert client.get(TRIAL.format("en") + "report/").status_code == 404
    call_command("check")
    assert "catalogue.W001" in capsys.readouterr().err + capsys.readouterr().out
