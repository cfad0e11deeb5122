"""The columns of the open data files: one definition per column, read by the exporter (what goes in
each cell of a CSV file or each value of a JSON record) and by the data dictionary page (what the
column means), so the two can never disagree.

A column is either a fact of the record, the same in every language (a key, a status code, a date),
or written per language (`per_language`: a title, a summary, the page's address). A file in one
language has one column of each; a bilingual file has a fact once and a per-language column twice,
named with the language: `title_en` and `title_zh_hant`.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The kinds of values, as the dictionary names them.
TEXT, CODE, KEY, KEYS, DATE, DATETIME, INTEGER, DECIMAL, URL = (
    "text",
    "code",
    "key",
    "keys",
    "date",
    "datetime",
    "integer",
    "decimal",
    "url",
)
KINDS = {
    TEXT: _("Text"),
    CODE: _("Code (one of the values listed)"),
    KEY: _("Key (a record's stable identity)"),
    KEYS: _("List of keys (separated by semicolons in CSV files)"),
    DATE: _("Date (YYYY-MM-DD)"),
    DATETIME: _("Date and time (ISO 8601, Hong Kong time)"),
    INTEGER: _("Whole number"),
    DECIMAL: _("Decimal number"),
    URL: _("Web address"),
}
LIST_SEPARATOR = "; "
# Excel runs a cell that starts with one of these as a formula: a text cell that does gets an apostrophe
# in CSV files (Excel shows the text as written). JSON files keep the text exactly.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")  # a metric's value of -5 or +12.5 is no formula: written as it is
# Suffixes of per-language columns in bilingual files.
BILINGUAL = {"en": "_en", "zh-hant": "_zh_hant"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    meaning: object  # lazy text
    example: object = ""  # lazy text, or a plain string for codes, keys, dates and numbers
    per_language: bool = False
    choices: object = None  # the TextChoices of a code column
    convert: bool = False  # text that the Simplified files convert from Traditional

    def names(self, bilingual):
        """The column's name(s) in a file's header row."""
        if bilingual and self.per_language:
            return [self.name + suffix for suffix in BILINGUAL.values()]
        return [self.name]

    def values(self):
        """(code, label) of a code column, for the dictionary."""
        return list(self.choices.choices) if self.choices else []


def text(name, meaning, example="", **options):
    """A text written per language (converted to Simplified in the zh-hans files)."""
    return Column(name, TEXT, meaning, example, per_language=True, convert=True, **options)


def header(columns, bilingual):
    return [name for column in columns for name in column.names(bilingual)]


def bilingual_row(columns, versions):
    """One record of a bilingual file from its versions {"en": row or None, "zh-hant": row or None}."""
    present = [row for row in versions.values() if row is not None]
    values = {}
    for column in columns:
        if column.per_language:
            for language, suffix in BILINGUAL.items():
                row = versions.get(language)
                values[column.name + suffix] = row.get(column.name) if row is not None else None
        else:
            values[column.name] = next((row[column.name] for row in present if row.get(column.name) is not None), None)
    return values


def json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value == "":
        return None
    return value


def csv_value(value, kind):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, Decimal):
        return str(value)  # as stored: 1200000.00
    value = json_value(value)
    if value is None:
        return ""
    value = str(value)
    if kind == TEXT and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value
