"""The checker and the scoring pages: in every language, with their results, their fixes and their
errors for bad input (never a 500), the CSV upload and export, and the limits set in the CMS."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from procurement.models import ProcurementRules
from tests.html import soup, text

LANGUAGES = ["en", "zh-hant", "zh-hans"]


def scheme_query(rows, technical="60", price="40", **extra):
    query = {"technical_weight": technical, "price_weight": price, "c-TOTAL_FORMS": len(rows), "c-INITIAL_FORMS": 0}
    for i, (name, marks, kind) in enumerate(rows):
        query |= {f"c-{i}-name": name, f"c-{i}-marks": marks, f"c-{i}-kind": kind}
    return query | extra


def findings(page):
    return {li["id"].removeprefix("rule-"): "finding--pass" in li["class"] for li in page.select(".finding")}


def error_links(page):
    """The error summary's messages, each checked to lead to a field of the page."""
    summary = page.select_one("#form-errors")
    assert summary is not None and summary["role"] == "alert"
    for a in summary.select("a[href]"):
        assert page.find(id=a["href"].removeprefix("#")), a["href"]
    return text(summary)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pages_render_in_every_language(client, lang):
    for name in ("checker", "scoring"):
        page = soup(client.get(f"/{lang}/procurement/{name}/"))
        assert page.h1 and page.select("form[method=get] table th[scope=col]")
        for region in page.select(".table-wrap"):
            assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-labelledby"]
        for field in page.select("form input:not([type=hidden]), form select"):
            assert page.select_one(f"label[for={field['id']}]"), field["id"]


@pytest.mark.django_db
def test_18_percent_experience_and_4_6_fail_two_rules_each_with_its_fix(client):
    rows = [("Experience", "18", "experience"), ("Innovation", "25", "innovation"), ("Method", "57", "other")]
    page = soup(client.get("/en/procurement/checker/", scheme_query(rows, "40", "60")))
    assert findings(page) == {"essential": True, "experience": False, "innovation": True, "weighting": False}
    experience, weighting = text(page.select_one("#rule-experience")), text(page.select_one("#rule-weighting"))
    assert "Experience: 18% of technical marks (18 of 100); the limit is 15%." in experience
    assert "Reduce experience marks from 18 to 15" in experience
    assert "Use a weighting between 5:5 and 7:3, e.g. 5:5." in weighting
    assert page.select_one(".verdict--fail")
    # The form shows the scheme again, to change it, with spare rows.
    assert page.select_one("#id_c-0-marks")["value"] == "18" and page.select_one("#id_c-3-name")


@pytest.mark.django_db
def test_a_compliant_scheme_passes_and_the_cms_limits_are_used(client):
    rows = [("Experience", "15", "experience"), ("Innovation", "20", "innovation"), ("Method", "65", "other")]
    page = soup(client.get("/zh-hant/procurement/checker/", scheme_query(rows, "70", "30")))
    assert all(findings(page).values()) and page.select_one(".verdict--pass")

    setting = ProcurementRules.load()
    setting.experience_max, setting.technical_weight_max = 10, 65
    setting.explanation_en = "<p>Our own words.</p>"
    setting.save()
    page = soup(client.get("/en/procurement/checker/", scheme_query(rows, "70", "30")))
    assert findings(page) == {"essential": True, "experience": False, "innovation": True, "weighting": False}
    assert "the limit is 10%" in text(page.select_one("#rule-experience"))
    assert "between 5:5 and 6.5:3.5" in text(page.select_one("#rule-weighting"))
    assert "Our own words." in text(page.select_one(".procurement-rules"))


BAD_SCHEMES = [
    (scheme_query([("E", "-5", "experience")]), "Enter 0 or more.", "id_c-0-marks"),
    (scheme_query([("E", "5", "experience")], "60", "30"), "must add up to 100 (they add up to 90)", None),
    (scheme_query([("E", "lots", "experience")], "sixty"), "Enter a number", "id_technical_weight"),
    (scheme_query([("E", "5", "other")] * 25), "Enter at most 20 rows.", None),
    (scheme_query([("E", "5", "magic")]), "Select a valid choice", "id_c-0-kind"),
    (scheme_query([("E", "5", "other")]) | {"c-TOTAL_FORMS": "many"}, "The form was incomplete", None),
    (scheme_query([("", "0", "other")]), "Enter the criterion's name.", "id_c-0-name"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "message", "field"), BAD_SCHEMES)
def test_bad_schemes_are_answered_with_errors(client, query, message, field):
    page = soup(client.get("/en/procurement/checker/", query), status=400)
    assert message in error_links(page) and not page.select(".finding")
    if field:
        assert page.select_one(f"#form-errors a[href='#{field}']")


@pytest.mark.django_db
def test_errors_in_chinese(client):
    page = soup(client.get("/zh-hant/procurement/checker/", scheme_query([("E", "-5", "experience")])), status=400)
    assert page.html["lang"] == "zh-Hant-HK" and "請" in error_links(page)
    page = soup(client.get("/zh-hans/procurement/scoring/", {"technical_weight": "x"}), status=400)
    assert page.html["lang"] == "zh-Hans" and error_links(page)


def upload(client, content, name="scheme.csv"):
    data = {"technical_weight": "60", "price_weight": "40", "csv_file": SimpleUploadedFile(name, content, "text/csv")}
    return client.post("/en/procurement/checker/", data)


@pytest.mark.django_db
def test_csv_upload(client):
    good = "\ufeffcriterion,marks,type\nRelevant experience,18,experience\n創新建議,20,創新\nMethod,62,other\n"
    response = upload(client, good.encode("utf-8"))
    assert response.status_code == 302 and "c-1-name=%E5%89%B5" in response["Location"]
    page = soup(client.get(response["Location"]))  # the address is the scheme: shareable
    assert findings(page) == {"essential": True, "experience": False, "innovation": True, "weighting": True}

    for content, message in [
        (b"name,score\nA,5\n", "The first line must name the columns criterion,marks,type; this file has name,score."),
        ("criterion,marks,type\n創新,20,innovation\n".encode("big5"), "The file is not UTF-8 text"),
        (b"criterion,marks,type\nA,-3,other\nB,5,clever\n", "Line 2: marks must be a number from 0 to 10000"),
        (b"criterion,marks,type\nA,-3,other\nB,5,clever\n", "Line 3: type must be experience, innovation or other."),
    ]:
        assert message in error_links(soup(upload(client, content), status=400))


def scoring_query(tenders, technical="60", price="40", passing="50"):
    query = {"technical_weight": technical, "price_weight": price, "passing_mark": passing}
    query |= {"t-TOTAL_FORMS": len(tenders), "t-INITIAL_FORMS": 0}
    for i, (name, mark, cost) in enumerate(tenders):
        query |= {f"t-{i}-name": name, f"t-{i}-technical": mark, f"t-{i}-price": cost}
    return query


TENDERS = [("A", "80", "1000000"), ("B", "70", "800000"), ("C", "40", "500000"), ("=D", "90", "1250000")]


@pytest.mark.django_db
def test_tender_scoring_and_its_csv(client):
    page = soup(client.get("/en/procurement/scoring/", scoring_query(TENDERS)))
    rows = [[text(cell) for cell in tr.select("th, td")] for tr in page.select("table.scores tbody tr")]
    assert rows == [  # worked out in test_rules.py
        ["1", "B", "70", "800000", "100", "82"],
        ["2", "A", "80", "1000000", "80", "80"],
        ["3", "=D", "90", "1250000", "64", "79.6"],
        ["Not ranked", "C", "40 (below the passing mark)", "500000", "—", "—"],
    ]
    response = client.get(f"/en/procurement/scoring/?{page.select_one('a[download]')['href'].lstrip('?')}")
    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv") and body.startswith("\ufeffRank,Tender,")
    assert body.splitlines()[1:] == [
        "1,B,70,800000,100,82,Yes,60,40,50",
        "2,A,80,1000000,80,80,Yes,60,40,50",
        "3,'=D,90,1250000,64,79.6,Yes,60,40,50",
        ",C,40,500000,,,No,60,40,50",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_bad_tenders_are_answered_with_errors(client, lang):
    query = scoring_query([("A", "101", "0"), ("B", "50", "-1")])
    summary = error_links(soup(client.get(f"/{lang}/procurement/scoring/", query), status=400))
    assert summary.count("#") == 0 and "100" in summary and "0" in summary
    if lang == "en":
        assert "Enter 100 or less." in summary and "The price must be more than 0." in summary


def test_finding_solutions_and_completed_trials_for_a_tender(client, catalogue):
    page = soup(client.get("/en/procurement/solutions/", {"subject": "chiller"}))
    assert [text(h) for h in page.select("#solution-heading + ul h3")] == ["Oil-free magnetic bearing chiller"]
    assert [text(h) for h in page.select("#trial-heading + ul h3")] == ["Oil-free chiller at EMSD HQ"]
    page = soup(client.get("/zh-hant/procurement/solutions/", {"subject": "製冷機", "category": "robotics"}))
    assert not page.select(".search-results") and page.select("input[name=category][value=robotics]")
    page = soup(client.get("/en/procurement/solutions/", {"subject": ""}), status=400)
    assert "Enter the subject of the tender." in error_links(page)
    site_map = soup(client.get("/en/site-map/"))
    assert site_map.select_one("a[href='/en/procurement/checker/']")
