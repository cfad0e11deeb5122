import pytest
from django.core.management import call_command
from django.test import TestCase

from catalogue.importer import import_records, parse_lines
from catalogue.importer.loader import existing_keys
from home.site_tree import build_site_tree
from tests.content import SITE, catalogue_records, jsonl


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    call_command("compile_translations", verbosity=0)


@pytest.fixture
def site_tree(db):
    """The bilingual page tree: {"en": HomePage, "zh-hant": HomePage}."""
    homes, _sections = build_site_tree(SITE)
    return homes


def load(records):
    # As if committed: search documents are queued for the worker when the import commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return import_records(parse_lines(jsonl(records).splitlines(), existing_keys()))


@pytest.fixture
def catalogue(site_tree):
    """The small bilingual catalogue of tests/content.py, imported through the importer."""
    return load(catalogue_records())


@pytest.fixture
def import_file(tmp_path):
    """Run `manage.py import_catalogue` on records (or raw text); returns its output."""

    def run(records_or_text):
        path = tmp_path / "catalogue.jsonl"
        text = records_or_text if isinstance(records_or_text, str) else jsonl(records_or_text)
        path.write_text(text, encoding="utf-8")
        from io import StringIO

        out, err = StringIO(), StringIO()
        call_command("import_catalogue", str(path), stdout=out, stderr=err)
        return out.getvalue()

    return run


@pytest.fixture
def zone(catalogue):
    """The InnoZone in both languages with two exhibits and fast kiosk timings: {"en": page, ...}."""
    from tests.innozone.builders import build_zone

    return build_zone()


@pytest.fixture
def innoday(site_tree):
    """An InnoDay with 2 seats, registration open, in both languages: {"en": page, "zh-hant": page}."""
    from tests.events.builders import build_innoday

    return build_innoday()
