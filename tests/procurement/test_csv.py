"""The checker's CSV upload with strange files and values (each answered with an error naming its line,
never a 500), and the tender scores' CSV export (the weights in it, formulas kept as text)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from procurement import forms, views
from tests.html import soup
from tests.procurement.test_pages import TENDERS, error_links, findings, scoring_query

HEADER = "criterion,marks,type\n"
MARKS_RULE = "marks must be a number from 0 to 10000, with at most 2 decimal places."


def upload(client, content, **data):
    if isinstance(content, str):
        content = content.encode("utf-8")
    data = {"technical_weight": "60", "price_weight": "40"} | data
    data["csv_file"] = SimpleUploadedFile("scheme.csv", content, "text/csv")
    return client.post("/en/procurement/checker/", data)


def refused(client, content, **data):
    """The upload's error summary: the page is answered with 400 and nothing is redirected to."""
    response = upload(client, content, **data)
    assert response.status_code == 400, response.get("Location")
    return error_links(soup(response, status=400))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "marks",
    ["1e30", "1" * 28, "NaN", "sNaN", "inf", "-Infinity", "1e-30", "10000.01", "12.345", "-0.5", "", "lots", "1,5"],
)
def test_marks_outside_the_forms_rules_are_refused_naming_the_line(client, marks):
    content = HEADER + f'Innovation,20,innovation\nMethod,"{marks}",other\n'
    assert f"Line 3: {MARKS_RULE}" in refused(client, content)


@pytest.mark.django_db
def test_marks_at_the_forms_limits_are_accepted(client):
    content = HEADER + "Experience,0,experience\nInnovation,10000,innovation\nMethod,0.01,other\nTeam,1e3,other\n"
    response = upload(client, content)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert [query[f"c-{i}-marks"][0] for i in range(4)] == ["0", "10000", "0.01", "1000"]
    page = soup(client.get(response["Location"]))
    assert "(0 of 11000.01)" in page.select_one("#rule-experience").get_text()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        ("\ufeff".encode(), "The file is empty."),  # a BOM and nothing else
        (HEADER.encode(), "The file has no criteria below its first line."),
        (HEADER.encode("utf-16"), "The file is not UTF-8 text"),
        (b"criterion,marks,type\nA\xff\xfe,5,other\n", "The file is not UTF-8 text"),
        (("x" * 50_000 + "\n").encode(), "The first line must name the columns criterion,marks,type; this file has x"),
        (HEADER + "x" * 5_000 + ",5,other\n", "Line 2: the criterion's name is too long (at most 200 characters)."),
        (HEADER + ",5,other\n", "Line 2: enter the criterion's name."),
        (HEADER + "A\x00B,5,other\n", "Line 2: the criterion's name has characters that cannot be used."),
        (HEADER + "A,5\n", "Line 2: give three values (criterion, marks, type)."),
        (HEADER + "A,5,other\n" * 21, "Enter at most 20 rows."),
        (b"x" * 100_001, "The file is too large"),
    ],
)
def test_strange_files_are_answered_with_an_error(client, content, message):
    summary = refused(client, content)
    assert message in summary and len(summary) < 1000


@pytest.mark.django_db
def test_a_file_of_any_line_ending_or_bom_is_read(client):
    for content in [
        "\ufeff" + HEADER + "Experience,15,experience\nInnovation,20,innovation\nMethod,65,other\n",
        "criterion,marks,type\rExperience,15,experience\rInnovation,20,innovation\rMethod,65,other\r",
        "criterion,marks,type\r\nExperience,15,experience\r\nInnovation,20,innovation\r\nMethod,65,other",
    ]:
        response = upload(client, content)
        assert response.status_code == 302, content
        assert all(findings(soup(client.get(response["Location"]))).values())


def test_a_cell_too_large_for_the_csv_reader_is_an_error_not_a_crash():
    # In English whatever language an earlier test in this process left active.
    with translation.override("en"), pytest.raises(ValidationError, match="cannot be read as CSV"):
        forms.read_criteria(HEADER + "A," + "9" * 200_000 + ",other\n")


@pytest.mark.django_db
def test_the_subject_of_an_uploaded_scheme_is_kept_in_its_address(client):
    response = upload(client, HEADER + "Innovation,20,innovation\nMethod,80,other\n", subject="chiller energy")
    assert parse_qs(urlsplit(response["Location"]).query)["subject"] == ["chiller energy"]


@pytest.mark.django_db
def test_the_scores_csv_gives_the_weighting_and_passing_mark_and_keeps_formulas_as_text(client):
    tenders = [*TENDERS, ("@SUM(A1)", "60", "2000000"), ("+cmd", "55", "3000000")]
    response = client.get("/en/procurement/scoring/", scoring_query(tenders, "65", "35", "50.5") | {"format": "csv"})
    lines = response.content.decode("utf-8").removeprefix("\ufeff").splitlines()
    assert lines[0] == (
        "Rank,Tender,Technical mark,Price (HK$),Price score,Combined score,Passed the technical mark,"
        "Technical weight (%),Price weight (%),Passing technical mark"
    )
    assert all(line.endswith(",65,35,50.5") for line in lines[1:]) and len(lines) == 7
    names = [line.split(",")[1] for line in lines[1:]]
    assert {"'=D", "'@SUM(A1)", "'+cmd"} <= set(names)


def test_cells_starting_with_a_tab_or_carriage_return_are_kept_as_text():
    # As in the open data files (opendata.columns.FORMULA_STARTS); numbers are written as they are.
    assert [views._cell(v) for v in ["\tcmd", "\r=1", "=1", "-cmd", "-5", "12.5", 3, ""]] == [
        "'\tcmd",
        "'\r=1",
        "'=1",
        "'-cmd",
        "-5",
        "12.5",
        "3",
        "",
    ]
