"""The limits of the fields that store a record (lengths, digits) are checked before anything is imported,
as every other problem of a file is: a `line N:` message each, not a traceback or a database error."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from catalogue.models import Organisation, TechnologyCategory, Trial, TrialMetric, TrialPage, WishPage
from tests.content import catalogue_records, jsonl, wish


def snapshot():
    """What an import could change: every row it writes, and the text and facts of the catalogue."""
    return {
        "rows": [
            model.objects.count()
            for model in (TechnologyCategory, Organisation, WishPage, TrialPage, Trial, TrialMetric, Revision)
        ],
        "wishes": sorted(WishPage.objects.values_list("item__key", "locale__language_code", "title", "summary")),
        "trials": sorted(TrialPage.objects.values_list("item__key", "locale__language_code", "venue", "title")),
        "values": sorted(Trial.objects.values_list("key", "value_hkd")),
        "organisations": sorted(Organisation.objects.values_list("key", "locale__language_code", "name")),
    }


def changed(records, kind, key, locale, **fields):
    """The records with the fields of one of them changed (locale None: of every language)."""
    return [
        dict(r, **fields) if (r["kind"], r["key"]) == (kind, key) and locale in (None, r["locale"]) else r
        for r in records
    ]


def line_of(records, kind, key, locale):
    return next(n for n, r in enumerate(records, 1) if (r["kind"], r["key"], r["locale"]) == (kind, key, locale))


def refused(tmp_path, records):
    """Import `records`, which must fail as a file with errors does; returns the messages on stderr."""
    path = tmp_path / "limits.jsonl"
    path.write_text(jsonl(records), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match=rf"^\d+ error\(s\) in {re.escape(str(path))}: nothing was imported\.$"):
        call_command("import_catalogue", str(path), stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def a_new_wish_in_english(key):
    return catalogue_records() + wish(key)[:1]


# (records, [(kind, key, locale) of the line, "field: message"])
CASES = {
    "a key over 64 characters": (
        a_new_wish_in_english("W-" + "9" * 63),
        [(("wish", "W-" + "9" * 63, "en"), "key: must be at most 64 characters (it has 65)")],
    ),
    "a title over 255 characters": (
        changed(catalogue_records(), "wish", "W-0001", "en", title="Chillers " * 30),
        [(("wish", "W-0001", "en"), "title: must be at most 255 characters (it has 270)")],
    ),
    "a summary over the admin's 600 characters": (
        changed(catalogue_records(), "solution", "S-0002", "zh-hant", summary="爬" * 601),
        [(("solution", "S-0002", "zh-hant"), "summary: must be at most 600 characters (it has 601)")],
    ),
    "a value with three decimals": (
        changed(catalogue_records(), "trial", "T-0001", None, value_hkd=1200000.125),
        [
            (("trial", "T-0001", "en"), "value_hkd: must have at most 2 decimal places"),
            (("trial", "T-0001", "zh-hant"), "value_hkd: must have at most 2 decimal places"),
        ],
    ),
    "a value with too many digits": (
        changed(catalogue_records(), "trial", "T-0001", None, value_hkd=1234567890123),
        [
            (("trial", "T-0001", "en"), "value_hkd: must have at most 12 digits before the decimal point"),
            (("trial", "T-0001", "zh-hant"), "value_hkd: must have at most 12 digits before the decimal point"),
        ],
    ),
    "a venue over 250 characters": (
        changed(catalogue_records(), "trial", "T-0001", "zh-hant", venue="機電工程署總部" * 36),
        [(("trial", "T-0001", "zh-hant"), "venue: must be at most 250 characters (it has 252)")],
    ),
    "an organisation's name over 200 characters": (
        changed(catalogue_records(), "organisation", "gdas", "en", name="Guangdong " * 21),
        [(("organisation", "gdas", "en"), "name: must be at most 200 characters (it has 210)")],
    ),
    "a metric's unit over 40 characters": (
        changed(
            catalogue_records(),
            "trial",
            "T-0001",
            "en",
            report={
                "summary": "Less.",
                "metrics": [{"name": "Saving", "value": 1}, {"name": "x", "value": 2, "unit": "u" * 41}],
            },
        ),
        [(("trial", "T-0001", "en"), "report: metric 2: unit must be at most 40 characters (it has 41)")],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_value_over_the_limit_of_its_field_is_refused_and_nothing_is_imported(catalogue, tmp_path, case):
    records, expected = CASES[case]
    records = records + wish("W-0600")  # a valid new item, which must not be imported either
    before = snapshot()

    errors = refused(tmp_path, records)

    assert errors == [f"line {line_of(records, *where)}: {message}" for where, message in expected]
    assert snapshot() == before
    assert not WishPage.objects.filter(item__key="W-0600").exists()


def test_values_at_the_limits_are_imported_as_they_are(catalogue, import_file):
    key = " W-" + "7" * 62 + " "  # 64 characters once the spaces around it are stripped
    records = changed(wish(key), "wish", key, "en", title="t" * 255, summary="s" * 600)
    records += changed(catalogue_records(), "trial", "T-0001", None, value_hkd=999999999999.99)
    records = changed(records, "trial", "T-0001", "zh-hant", venue="場" * 250)

    import_file(records)

    page = WishPage.objects.get(item__key=key.strip(), locale__language_code="en")
    assert (len(page.title), len(page.summary)) == (255, 600)
    assert Trial.objects.get(key="T-0001").value_hkd == Decimal("999999999999.99")
    assert TrialPage.objects.get(item__key="T-0001", locale__language_code="zh-hant").venue == "場" * 250


def test_a_number_too_long_to_read_is_a_line_error_not_a_traceback(tmp_path, db):
    path = tmp_path / "huge.jsonl"
    path.write_text('{"kind": "wish", "key": "W-1", "value_hkd": ' + "9" * 5000 + "}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_catalogue", str(path))
