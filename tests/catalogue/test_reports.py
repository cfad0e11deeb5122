from catalogue.models import TrialPage
from catalogue.reports import attach_report_document
from tests.html import soup


def download(client, trial_url):
    link = soup(client.get(trial_url)).select_one(".report a[download]")
    response = client.get(link["href"])
    assert response.status_code == 200
    return link, b"".join(response.streaming_content)


def test_a_completed_trial_offers_its_report_as_a_pdf_in_its_language(client, catalogue):
    for code in ("en", "zh-hant"):
        attach_report_document(TrialPage.objects.get(item__key="T-0001", locale__language_code=code))

    link, pdf = download(client, "/zh-hant/trials/oil-free-chiller-at-emsd-hq/")
    assert "下載報告全文" in link.get_text()
    assert pdf.startswith(b"%PDF-")
    assert b"/MSung-Light" in pdf and b"/UniCNS-UCS2-H" in pdf  # Traditional Chinese text, readable anywhere

    link, pdf = download(client, "/en/trials/oil-free-chiller-at-emsd-hq/")
    assert "Download the full report" in link.get_text()
    assert pdf.startswith(b"%PDF-") and b"MSung-Light" not in pdf


def test_attaching_a_report_keeps_the_trial_published_with_a_new_revision(catalogue):
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="en")
    revisions = trial.revisions.count()
    document = attach_report_document(trial)
    trial.refresh_from_db()
    assert trial.live and not trial.has_unpublished_changes
    assert trial.report_document == document
    assert trial.revisions.count() == revisions + 1
    assert document.title == "Verified performance report: Oil-free chiller at EMSD HQ"
