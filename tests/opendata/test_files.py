"""The open data files: CSV with a byte order mark and JSON, in each language and bilingual, streamed,
with their names, validators and 304s."""

import csv
import io
import json

import pytest
from django.http import FileResponse
from django.test import Client

from catalogue.models import WishPage
from opendata import exporter, sources, store
from opendata.columns import KEY, TEXT, csv_value
from opendata.datasets import DATASETS

from .files import by_key, csv_rows, download, every_file, json_records, records


def test_every_file_parses_with_the_header_of_its_columns(catalogue):
    for name in every_file():
        dataset = DATASETS[name.split(".")[0]]
        bilingual = name.count(".") == 1
        body = download(name)
        if name.endswith(".csv"):
            assert body.startswith(b"\xef\xbb\xbf"), name
            header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
            assert header == dataset.column_names(bilingual), name
        else:
            for record in json_records(name):
                assert list(record) == dataset.column_names(bilingual), name


def test_csv_in_traditional_chinese_keeps_the_chinese_intact(catalogue):
    wishes = by_key(csv_rows("wishes.zh-hant.csv"))
    assert wishes["W-0001"]["title"] == "減少製冷機能源消耗"
    assert wishes["W-0001"]["summary"] == "機電工程署推動節能，減少製冷機用電。"
    assert wishes["W-0001"]["organisation_name"] == "機電工程署"
    assert wishes["W-0001"]["url"].endswith("/zh-hant/wishes/" + wishes["W-0001"]["url"].split("/")[-2] + "/")
    assert wishes["W-0001"]["categories"] == "energy-efficiency"
    assert wishes["W-0001"]["status"] == "in-trial"
    assert wishes["W-0001"]["deadline"] == "2027-01-31"


def test_english_files_hold_the_english_text_and_the_facts(catalogue):
    wishes = by_key(json_records("wishes.en.json"))
    assert set(wishes) == {"W-0001", "W-0002"}
    chiller = wishes["W-0001"]
    assert chiller["title"] == "Cut chiller energy use"
    assert chiller["body"] == "Chillers use much power.\n\nWe want less."
    assert chiller["categories"] == ["energy-efficiency"]
    assert chiller["outcome"] is None
    assert chiller["url"].startswith("http") and "/en/wishes/" in chiller["url"]
    solutions = by_key(json_records("solutions.en.json"))
    assert solutions["S-0001"]["trl"] == 7
    assert solutions["S-0001"]["proposed_for"] == ["W-0001"]
    assert solutions["S-0002"]["organisation_name"] == "Guangdong Academy of Sciences"
    trial = json_records("trials.en.json")[0]
    assert (trial["wish"], trial["solution"], trial["value_hkd"]) == ("W-0001", "S-0001", 1200000)
    assert csv_rows("trials.en.csv")[0]["value_hkd"] == "1200000.00"


def test_bilingual_files_pair_each_item_s_languages(catalogue):
    wishes = by_key(csv_rows("wishes.csv"))
    assert set(wishes) == {"W-0001", "W-0002"}
    assert wishes["W-0001"]["title_en"] == "Cut chiller energy use"
    assert wishes["W-0001"]["title_zh_hant"] == "減少製冷機能源消耗"
    assert "/en/" in wishes["W-0001"]["url_en"] and "/zh-hant/" in wishes["W-0001"]["url_zh_hant"]
    assert wishes["W-0001"]["status"] == "in-trial"
    organisations = by_key(json_records("organisations.json"))
    assert organisations["polyu"]["name_zh_hant"] == "香港理工大學"
    assert organisations["polyu"]["mou_signed"] == "2019-06-11"
    metric = json_records("report-metrics.json")[0]
    assert (metric["name_en"], metric["name_zh_hant"], metric["value_en"]) == ("Energy saving", "節省能源", "21.5")


def test_an_item_in_one_language_only_is_in_the_bilingual_file_once(catalogue, import_file):
    from tests.notifications.builders import wish_records

    import_file(wish_records("W-0300", "Only in English", zh=False))
    wishes = by_key(records("wishes.json"))
    assert wishes["W-0300"]["title_en"] == "Only in English"
    assert wishes["W-0300"]["title_zh_hant"] is None
    assert "W-0300" not in by_key(records("wishes.zh-hant.json"))


def test_simplified_files_are_the_traditional_converted(catalogue):
    wishes = by_key(json_records("wishes.zh-hans.json"))
    assert wishes["W-0001"]["title"] == "减少制冷机能源消耗"
    assert "/zh-hans/wishes/" in wishes["W-0001"]["url"]
    assert wishes["W-0001"]["key"] == "W-0001"
    assert by_key(csv_rows("categories.zh-hans.csv"))["robotics"]["name"] == "机械人应用"


def test_reports_and_metrics(catalogue):
    report = json_records("reports.en.json")
    assert [(r["trial"], r["final_summary"], r["interim_summary"]) for r in report] == [
        ("T-0001", "Energy use fell by a fifth.", None)
    ]
    metrics = csv_rows("report-metrics.zh-hant.csv")
    assert [(m["trial"], m["report"], m["position"], m["name"], m["unit"]) for m in metrics] == [
        ("T-0001", "final", "1", "節省能源", "%")
    ]


def test_files_are_named_and_validated_and_unchanged_files_are_not_sent_again(catalogue):
    client = Client()
    response = client.get("/open-data/wishes.zh-hant.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wishes.zh-hant.csv"'
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert response["Content-Language"] == "zh-Hant"
    first = b"".join(response.streaming_content)
    etag, modified = response["ETag"], response["Last-Modified"]

    again = client.get("/open-data/wishes.zh-hant.csv")
    assert isinstance(again, FileResponse)  # the kept file, still streamed
    assert b"".join(again.streaming_content) == first
    assert int(again["Content-Length"]) == len(first)

    assert client.get("/open-data/wishes.zh-hant.csv", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/open-data/wishes.zh-hant.csv", headers={"If-Modified-Since": modified}).status_code == 304
    json_response = client.get("/open-data/wishes.json")
    assert json_response["Content-Type"] == "application/json; charset=utf-8"
    assert json_response["Content-Disposition"] == 'inline; filename="wishes.json"'
    assert json_response["Content-Language"] == "en, zh-Hant"
    head = client.head("/open-data/wishes.zh-hant.csv")
    assert head.status_code == 200 and head["Content-Length"] == str(len(first))


def test_files_are_written_in_pieces_as_the_rows_are_read_in_batches(catalogue, import_file, monkeypatch):
    from tests.notifications.builders import wish_records

    english_only = [n for n in range(3, 12) if n % 2]
    import_file(
        [
            record
            for n in range(3, 12)
            for record in wish_records(f"W-05{n:02d}", f"Batch wish {n}", zh=False if n in english_only else None)
        ]
    )
    expected = by_key(records("wishes.json"))  # read in one batch
    assert len(expected) == 11
    store.refresh()
    monkeypatch.setattr(sources, "CHUNK", 2)  # a record's languages paired across many small batches
    monkeypatch.setattr(exporter, "FLUSH_AT", 200)
    response = Client().get("/open-data/wishes.json")
    assert response.streaming
    pieces = list(response.streaming_content)
    assert len(pieces) > 5
    assert by_key(json.loads(b"".join(pieces))) == expected


def test_an_empty_catalogue_gives_files_with_headers_only(site_tree):
    assert download("wishes.en.csv").decode("utf-8-sig").strip() == ",".join(DATASETS["wishes"].column_names())
    assert json_records("wishes.json") == []


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/nothing.csv",
        "/open-data/nothing.en.json",
        "/open-data/wishes.fr.csv",
        "/open-data/wishes.en.xml",
        "/open-data/wishes.en.csv/",
        "/open-data/.csv",
        "/open-data/wishes..csv",
        "/open-data/WISHES.en.csv",
        "/open-data/wishes.en.csv.json",
        "/open-data/%E9%A1%98%E6%9C%9B.csv",
        "/open-data/..%2F..%2Fsettings.py",
        "/en/open-data/nothing/",
        "/en/open-data/dictionary/wishes/",
    ],
)
def test_strange_addresses_are_not_found(catalogue, path):
    assert Client().get(path).status_code == 404


@pytest.mark.parametrize("path", ["/open-data/wishes", "/open-data/", "/open-data/wishes.en.csv?format=xml&lang=fr"])
def test_other_addresses_are_no_errors(catalogue, path):
    assert Client().get(path).status_code < 500


def test_a_null_character_is_refused(catalogue):
    assert Client().get("/open-data/wishes.en.csv?x=%00").status_code == 400


def test_csv_text_that_excel_would_run_as_a_formula_is_written_as_text(catalogue):
    page = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    page.title = '=HYPERLINK("https://example.com","Click")'
    page.save_revision().publish()
    assert by_key(csv_rows("wishes.en.csv"))["W-0002"]["title"] == "'" + page.title
    assert by_key(json_records("wishes.en.json"))["W-0002"]["title"] == page.title  # JSON keeps it exactly
    assert csv_value("-5", TEXT) == "-5" and csv_value("+12.5", TEXT) == "+12.5"  # numbers are no formulas
    assert csv_value("-cmd|' /C calc'!A0", TEXT) == "'-cmd|' /C calc'!A0"
    assert csv_value("-5", KEY) == "-5"
