"""A web worker whose database connection the server has dropped (as on a database restart) answers
its next request normally: kept connections are checked before they are reused."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import database_url

pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def gunicorn(site_tree):
    """One sync gunicorn worker on this test's database, so every request reuses one connection."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "innoportal.settings.dev", "DATABASE_URL": database_url()}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}", "innoportal.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/en/"
    for _ in range(100):
        try:
            status(url)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_the_first_request_after_the_server_drops_the_connections_succeeds(gunicorn):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server to drop connections")
    assert status(gunicorn) == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1  # the worker's kept connection
    assert status(gunicorn) == 200
