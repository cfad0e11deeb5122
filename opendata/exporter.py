"""Writing a dataset as CSV or JSON, a piece at a time, in one language or bilingual.

CSV: UTF-8 with a byte order mark, which Excel needs to read Chinese correctly; a header row of the
column names; lists joined by "; ". JSON: one array of objects, written one record at a time (not
JSON Lines: an array is what most tools open directly); null where a CSV cell is empty.

Nothing here holds more than a batch of rows: records are read as the file is written, and the
bilingual files pair a record's English and Chinese rows by reading both languages side by side in
the same order (`merged`). Simplified Chinese files are the Traditional Chinese rows with their text
converted (innoportal.languages), and the addresses of the /zh-hans/ pages.
"""

import csv
import io
import json

from django.conf import settings

from innoportal.languages import converted

from .columns import BILINGUAL, bilingual_row, csv_value, json_value
from .sources import locale

FLUSH_AT = 64 * 1024  # characters written before a piece is handed to the response
BOM = "\ufeff"
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def records(dataset, language):
    """Rows of the file in `language` ("en", "zh-hant", "zh-hans"; None: bilingual), as dicts by column."""
    if language is None:
        sides = [_rows(dataset, code) for code in BILINGUAL]
        for pair in merged(*sides):
            yield bilingual_row(dataset.columns, dict(zip(BILINGUAL, pair, strict=True)))
        return
    convert = [column.name for column in dataset.columns if column.convert]
    for _identity, row in _rows(dataset, language):
        if language in settings.CONVERTED_LANGUAGES:
            for name in convert:
                if row.get(name):
                    row[name] = converted(row[name], language)
        yield row


def _rows(dataset, language):
    found = locale(language)
    return dataset.rows(found, language) if found is not None else iter(())


def merged(first, second):
    """(first's row or None, second's row or None) per identity, from two streams in identity order."""
    a, b = next(first, None), next(second, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a[0] < b[0]):
            yield a[1], None
            a = next(first, None)
        elif a is None or b[0] < a[0]:
            yield None, b[1]
            b = next(second, None)
        else:
            yield a[1], b[1]
            a, b = next(first, None), next(second, None)


def csv_pieces(dataset, language):
    bilingual = language is None
    kinds = [(name, column.kind) for column in dataset.columns for name in column.names(bilingual)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # Excel's dialect: quoted where needed, lines end with CRLF
    buffer.write(BOM)
    writer.writerow([name for name, _kind in kinds])
    for record in records(dataset, language):
        writer.writerow([csv_value(record.get(name), kind) for name, kind in kinds])
        if buffer.tell() >= FLUSH_AT:
            yield _take(buffer)
    yield _take(buffer)


def json_pieces(dataset, language):
    names = dataset.column_names(bilingual=language is None)
    buffer = io.StringIO()
    buffer.write("[")
    separator = "\n"
    for record in records(dataset, language):
        buffer.write(separator)
        buffer.write(json.dumps({name: json_value(record.get(name)) for name in names}, ensure_ascii=False))
        separator = ",\n"
        if buffer.tell() >= FLUSH_AT:
            yield _take(buffer)
    buffer.write("\n]\n" if separator != "\n" else "]\n")
    yield _take(buffer)


def _take(buffer):
    piece = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return piece


WRITERS = {"csv": csv_pieces, "json": json_pieces}


def pieces(dataset, language, file_format):
    """The file's bytes, a piece at a time."""
    return WRITERS[file_format](dataset, language)
