"""Downloading the open data files in tests, as any client would."""

import csv
import io
import json

from django.http import StreamingHttpResponse
from django.test import Client

from opendata.datasets import DATASETS
from opendata.views import LANGUAGES, file_name

FORMATS = ("csv", "json")


def every_file():
    """The name of every file the open data page offers: each dataset, language and format."""
    return [file_name(dataset, code, fmt) for dataset in DATASETS.values() for code in LANGUAGES for fmt in FORMATS]


def download(name, client=None, **headers):
    """The file's bytes; it must be a streamed 200."""
    response = (client or Client()).get(f"/open-data/{name}", headers=headers)
    assert response.status_code == 200, (name, response.status_code)
    assert isinstance(response, StreamingHttpResponse), type(response)
    return b"".join(response.streaming_content)  # the test client closes the response at the end


def csv_rows(name):
    """The CSV file's records as dicts by column, checking it starts with the UTF-8 byte order mark."""
    body = download(name)
    assert body.startswith(b"\xef\xbb\xbf"), body[:10]
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def json_records(name):
    return json.loads(download(name).decode("utf-8"))


def records(name):
    return csv_rows(name) if name.endswith(".csv") else json_records(name)


def by_key(rows, key="key"):
    return {row[key]: row for row in rows}


def every_text():
    """Every file, as text: what anyone can download."""
    return {name: download(name).decode("utf-8") for name in every_file()}
