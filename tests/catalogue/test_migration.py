"""Today's content moves to the shared facts without loss: a database made with the old schema (catalogue
0001), migrated to the latest, has every item's facts, taken from the default language where the
languages disagreed. Runs on the suite's database engine, in a database of its own."""

import json
import os
import subprocess
import sys
import uuid
from contextlib import closing

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import database_url

SCRIPTS = settings.BASE_DIR / "tests" / "catalogue" / "migration"


@pytest.fixture
def empty_database(db, tmp_path):
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    import psycopg2

    name = f"migration_{uuid.uuid4().hex[:8]}"
    server = database_url().rsplit("/", 1)[0]
    with closing(psycopg2.connect(f"{server}/postgres")) as admin:
        admin.autocommit = True
        admin.cursor().execute(f"CREATE DATABASE {name}")
        try:
            yield f"{server}/{name}"
        finally:
            admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def manage(url, *args):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "innoportal.settings.dev"}
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def run_script(url, name):
    return manage(url, "shell", "-c", f"exec(open({str(SCRIPTS / name)!r}).read())")


def test_a_database_of_the_old_schema_migrates_with_every_fact(empty_database):
    manage(empty_database, "migrate", "catalogue", "0001", "-v0")
    assert "made 8 pages" in run_script(empty_database, "old_schema.py")
    said = manage(empty_database, "migrate", "-v1")
    facts = json.loads(run_script(empty_database, "facts.py").split("FACTS=", 1)[1])

    assert facts["items"] == {
        # English wins where the languages disagreed; its taxonomy is named by key.
        "W-1": {"status": "open", "organisation": "emsd", "deadline": "None", "categories": ["energy"]},
        "W-2": {"status": "matched", "organisation": "emsd", "deadline": "None", "categories": ["robots"]},
        "W-3": {"status": "in-trial", "organisation": "polyu", "deadline": "None", "categories": ["water"]},
        "S-1": {"trl": 6, "organisation": "polyu", "categories": ["energy"], "applicable_to": ["W-1", "W-2"]},
        "T-1": {"wish": "W-1", "solution": "S-1", "status": "completed", "value_hkd": "1500000.00"},
    }
    # Every page kept its text and points at its item.
    assert facts["pages"] == sorted(
        [lang, key, f"{key} {lang}"]
        for lang, key in [
            ("en", "W-1"),
            ("zh-hant", "W-1"),
            ("en", "W-2"),
            ("zh-hant", "W-3"),
            ("en", "S-1"),
            ("zh-hant", "S-1"),
            ("en", "T-1"),
            ("zh-hant", "T-1"),
        ]
    )
    # An organisation's type is one fact too: the Chinese version's disagreeing type gave way.
    assert ["emsd", "zh-hant", "department"] in facts["organisations"]
    # Each disagreement was reported as it was resolved.
    assert "W-1: status 'closed' in version" in said and "Organisation emsd: type taken from" in said
