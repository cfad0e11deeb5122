"""The finder's completed trials with their verified reports, the checker's way to the finder for its
tender's subject, and the help texts that the pages' inputs point at (aria-describedby)."""

from urllib.parse import urlencode

import pytest

from catalogue.models import TrialPage
from tests.html import soup, text
from tests.procurement.test_pages import TENDERS, scheme_query, scoring_query

ROWS = [("Experience", "15", "experience"), ("Innovation", "20", "innovation"), ("Method", "65", "other")]


def trial_hit(page):
    (hit,) = page.select("#trial-heading + ul > li")
    return hit


def test_completed_trials_link_their_verified_report(client, catalogue):
    trial = TrialPage.objects.get(title="Oil-free chiller at EMSD HQ")
    page = soup(client.get("/en/procurement/solutions/", {"subject": "chiller"}))
    hit = trial_hit(page)
    report = text(hit.select_one(".finder-report"))
    assert "Verified performance report · Published" in report and "Energy use fell by a fifth." in report
    links = {text(a): a["href"] for a in hit.select(".finder-report a")}
    assert links == {
        "Read the report on the trial's page": f"{trial.url}#report",
        "Download the full report (PDF)": f"{trial.url}report/",
    }
    pdf = client.get(links["Download the full report (PDF)"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert soup(client.get(trial.url)).find(id="report")  # where the other link leads
    # Solutions have no report.
    assert page.select("#solution-heading + ul > li") and not page.select("#solution-heading + ul .finder-report")

    page = soup(client.get("/zh-hant/procurement/solutions/", {"subject": "製冷機"}))
    assert "能源消耗減少五分之一。" in text(trial_hit(page).select_one(".finder-report"))
    assert trial_hit(page).select_one(".finder-report a[download]")["href"].startswith("/zh-hant/")


def test_a_trial_without_a_final_report_offers_none(client, catalogue):
    TrialPage.objects.filter(title="Oil-free chiller at EMSD HQ").update(report_summary="")
    hit = trial_hit(soup(client.get("/en/procurement/solutions/", {"subject": "chiller"})))
    assert text(hit.h3) == "Oil-free chiller at EMSD HQ" and not hit.select(".finder-report")


def test_the_checkers_result_leads_to_the_finder_for_its_subject(client, catalogue):
    page = soup(client.get("/en/procurement/checker/", scheme_query(ROWS, subject="chiller")))
    assert page.select_one("#id_subject")["value"] == "chiller"  # kept in the form, to check again
    link = page.select_one("#result a#finder-link")
    assert text(link) == "Find solutions and completed trials for “chiller”"
    assert link["href"] == "/en/procurement/solutions/?subject=chiller"
    found = soup(client.get(link["href"]))
    assert [text(h) for h in found.select("#solution-heading + ul h3")] == ["Oil-free magnetic bearing chiller"]
    assert found.select_one("#id_subject")["value"] == "chiller"

    page = soup(client.get("/zh-hant/procurement/checker/", scheme_query(ROWS)))  # no subject: the empty finder
    assert page.select_one("#finder-link")["href"] == "/zh-hant/procurement/solutions/"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_every_aria_describedby_points_at_an_element_of_the_page(client, lang):
    addresses = [
        "checker/",
        f"checker/?{urlencode(scheme_query(ROWS, subject='lifts'))}",
        f"checker/?{urlencode(scheme_query([('E', '-5', 'experience')], 'x'))}",
        "scoring/",
        f"scoring/?{urlencode(scoring_query(TENDERS))}",
        f"scoring/?{urlencode(scoring_query([('A', '101', '0')], 'x'))}",
        "solutions/",
        "solutions/?subject=lifts",
        "solutions/?subject=",
    ]
    described = 0
    for address in addresses:
        response = client.get(f"/{lang}/procurement/{address}")
        page = soup(response, status=response.status_code)
        assert response.status_code in (200, 400)
        for element in page.select("[aria-describedby]"):
            for id_ in element["aria-describedby"].split():
                assert page.find(id=id_), (address, element.get("name"), id_)
                described += 1
    assert described >= 20  # the weights, the passing mark and the subjects have help
