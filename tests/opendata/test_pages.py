"""The open data page in each language (its files, record counts, licence, last update), the data
dictionary (every column of every file), and the footer's link to them."""

import re

import pytest
from django.test import Client
from django.utils import translation

from opendata import store
from opendata.datasets import DATASETS
from tests.html import soup, text

from .files import download, every_file, records


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_the_open_data_page_lists_every_file_with_its_records_licence_and_last_update(catalogue, lang):
    response = Client().get(f"/{lang}/open-data/")
    assert response.status_code == 200
    page = soup(response)
    links = {a["href"] for a in page.select("main a[href^='/open-data/']")}
    assert links == {f"/open-data/{name}" for name in every_file()}
    assert page.select_one("main a[rel=license]")["href"].startswith("https://creativecommons.org/licenses/by/4.0/")
    assert "CC BY 4.0" in text(page.select_one("main"))
    assert page.select_one(f"main a[href='/{lang}/open-data/dictionary/']")
    updated = page.select_one("main time")["datetime"]
    assert updated.startswith(str(store.current().updated.year))
    wishes = page.select_one("#dataset-wishes").find_parent("section")
    counts = [cell.get_text(strip=True) for cell in wishes.select("tbody td:first-of-type")]
    assert counts == ["2", "2", "2", "2"]  # English, 繁, 简, bilingual


LICENCES = {
    "en": ("Creative Commons Attribution 4.0 International (CC BY 4.0)", "deed.en", "en"),
    "zh-hant": ("創用CC 姓名標示 4.0 國際 (CC BY 4.0)", "deed.zh-hant", "zh-Hant"),
    "zh-hans": ("创用CC 姓名标示 4.0 国际 (CC BY 4.0)", "deed.zh-hans", "zh-Hans"),  # converted from 繁
}


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_the_licence_is_named_in_the_pages_language_and_links_to_its_deed_in_that_language(catalogue, lang):
    name, deed, tag = LICENCES[lang]
    page = soup(Client().get(f"/{lang}/open-data/"))
    statement = page.select_one("#licence").find_next_sibling("p")
    assert name in text(statement), text(statement)  # not the English name in a Chinese sentence
    link = statement.select_one("a[rel=license]")
    assert link["href"] == f"https://creativecommons.org/licenses/by/4.0/{deed}" and link["hreflang"] == tag


def tables_in_named_regions(page, prefix):
    """{dataset slug: its table's caption}, each table checked to scroll sideways in a region of its own
    that the keyboard reaches, named by the table's caption (as the statistics page's tables are)."""
    captions = {}
    for slug in DATASETS:
        section = page.select_one(f"#{prefix}-{slug}").find_parent("section")
        (region,) = section.select(".table-wrap")
        table = region.find("table", recursive=False)
        assert region["role"] == "region" and region["tabindex"] == "0", slug
        assert region["aria-labelledby"] == table.caption["id"], slug
        assert table.caption is table.find(True)  # the caption is the table's first child
        assert table.select("thead th[scope=col]") and table.select("tbody th[scope=row]")
        heading = text(section.h2)
        assert heading in text(table.caption) and text(table.caption) != heading, slug
        captions[slug] = text(table.caption)
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) == len(set(ids))  # each caption's id names one element
    return captions


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_the_tables_of_files_and_of_columns_have_captions_and_scroll_in_named_regions(catalogue, lang):
    files = tables_in_named_regions(soup(Client().get(f"/{lang}/open-data/")), "dataset")
    columns = tables_in_named_regions(soup(Client().get(f"/{lang}/open-data/dictionary/")), "columns")
    if lang == "en":
        with translation.override("en"):
            assert files == {slug: f"Files of {dataset.title}" for slug, dataset in DATASETS.items()}
            assert columns == {slug: f"Columns of {dataset.title}" for slug, dataset in DATASETS.items()}


def test_record_counts_are_the_records_in_the_files(catalogue, import_file):
    from tests.notifications.builders import wish_records

    import_file(wish_records("W-0301", "Only in English", zh=False))
    page = soup(Client().get("/en/open-data/"))
    for slug in DATASETS:
        rows = page.select_one(f"#dataset-{slug}").find_parent("section").select("tbody tr")
        shown = [int(row.select_one("td").get_text(strip=True).replace(",", "")) for row in rows]
        files = [f"{slug}.en.json", f"{slug}.zh-hant.json", f"{slug}.zh-hans.json", f"{slug}.json"]
        assert shown == [len(records(name)) for name in files], slug


def test_sizes_are_shown_once_a_file_is_made(catalogue):
    body = download("wishes.en.csv")
    row = soup(Client().get("/en/open-data/")).select_one("a[href='/open-data/wishes.en.csv']").find_parent("td")
    assert re.search(r"\(\d+(\.\d)?\s(bytes|KB)\)", text(row)), text(row)
    assert len(body) > 100


def test_the_dictionary_documents_every_column_of_every_file(catalogue):
    response = Client().get("/en/open-data/dictionary/")
    assert response.status_code == 200
    page = soup(response)
    for name in every_file():
        dataset = DATASETS[name.split(".")[0]]
        section = page.select_one(f"#columns-{dataset.slug}").find_parent("section")
        documented = {code.get_text() for code in section.select("tbody th code")}
        header = download(name).decode("utf-8-sig").splitlines()[0].split(",") if name.endswith(".csv") else None
        for column in header or dataset.column_names(bilingual=name.count(".") == 1):
            assert column in documented, (name, column)
    status = page.select_one("#columns-wishes").find_parent("section")
    assert "in-trial" in text(status) and "In trial" in text(status)  # a code column's values and labels


@pytest.mark.parametrize("lang", ["zh-hant", "zh-hans"])
def test_the_dictionary_in_chinese(catalogue, lang):
    assert Client().get(f"/{lang}/open-data/dictionary/").status_code == 200


def test_the_footer_links_to_the_open_data_page(catalogue):
    for lang in ("en", "zh-hant"):
        footer = soup(Client().get(f"/{lang}/")).select_one("footer")
        assert footer.select_one(f"a[href='/{lang}/open-data/']")
