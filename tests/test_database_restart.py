"""After a PostgreSQL restart, every InnoDay registration the site answered with success is stored, and
the site recovers by itself, without restarting gunicorn.

The test restarts a PostgreSQL server of its own (initdb in a temporary directory, a free port of
127.0.0.1), never the suite's. It holds a copy (pg_dump) of this test's database: the schema, the page
tree and the `innoday` fixture's InnoDay (2 seats, registration open: two people are confirmed, the
rest waitlisted). gunicorn serves the site from it with the production settings (DEBUG off: failures
are the site's 500 page) and 2 sync workers. Four people register continuously, each with their own
cookies, the form's CSRF token and a new email address every time:

1. before: registrations go through;
2. busy restart: the server is stopped for OUTAGE seconds, then started, while they register;
3. after: they go on registering;
4. quiet restart: nobody registers while the server restarts (as at night), so every worker keeps a
   dead connection; the next requests, each worker's first one included, must all succeed. Only the
   check of kept connections before reuse (CONN_HEALTH_CHECKS) does that: without it, each worker
   answers its first request with a 500.

Every registration answered with success (a redirect to the "registered" page) must be stored; every
other answer must be the 500 page saying nothing was saved (or a broken connection), while the server
was down; registrations succeed before, after, and after the quiet restart; 2 seats are not overbooked.
"""

import itertools
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import pytest
import requests
from django.conf import settings
from django.db import connection

from tests.processes import database_url, free_port, stop, wait_until_serving

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PEOPLE = 4  # registering at the same time
OUTAGE = 1.0  # seconds the server is down in the busy restart
RECOVERY = 10.0  # seconds after the server is back within which registrations succeed again
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SAVED_NOTHING = "If you were sending a form, nothing of it was saved"  # templates/500.html
# Decided at collection, before any database fixture: the SQLite pass does not even create a test database.
pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs the suite on PostgreSQL: its test database is copied to a private PostgreSQL server",
)
FORM = {"name": "Chan Tai Man", "organisation": "HKU", "sector": "university", "consent": "on", "website": ""}


class PrivatePostgres:
    """A PostgreSQL server of this test's own, in a temporary directory, listening on 127.0.0.1 only."""

    def __init__(self):
        missing = [name for name in ("initdb", "pg_ctl", "pg_dump", "psql") if not (PG_BIN / name).exists()]
        if missing:
            pytest.skip(f"PostgreSQL 15 binaries missing in {PG_BIN}: {', '.join(missing)}")
        self.owner = []
        if os.geteuid() == 0:  # initdb refuses to run as root: the server runs as the postgres system user
            if "postgres" not in {user.pw_name for user in pwd.getpwall()}:
                pytest.skip("running as root, and there is no postgres system user to run PostgreSQL as")
            self.owner = ["runuser", "-u", "postgres", "--"]
        self.dir = Path(tempfile.mkdtemp(prefix="innoportal-restart-"))
        if self.owner:
            shutil.chown(self.dir, "postgres")
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/innoportal"

    def run(self, program, *args, owner=True, check=True, **kwargs):
        command = [*(self.owner if owner else []), str(PG_BIN / program), *args]
        result = subprocess.run(command, capture_output=True, timeout=120, **kwargs)
        assert result.returncode == 0 or not check, f"{program} failed: {result.stderr.decode(errors='replace')}"
        return result.stdout

    def pg_ctl(self, *args, check=True):
        self.run("pg_ctl", "-D", str(self.dir / "data"), "-w", "-s", *args, check=check)

    def create(self, copy_of):
        """initdb, start, and load a copy of the database `copy_of` (2 s; migrating afresh takes 20)."""
        self.run("initdb", "-D", str(self.dir / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "-N")
        self.start()
        dump = self.run("pg_dump", "--no-owner", "--no-privileges", copy_of, owner=False)
        psql = ["-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        self.run("psql", *psql, "-d", "postgres", "-c", "CREATE DATABASE innoportal", owner=False)
        self.run("psql", *psql, "-1", "-d", "innoportal", owner=False, input=dump)

    def start(self):
        listen = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir}"
        self.pg_ctl("-l", str(self.dir / "server.log"), "-o", listen, "start")

    def stop(self, mode="fast"):
        self.pg_ctl("-m", mode, "stop")

    def query(self, sql):
        with closing(psycopg2.connect(self.url)) as db, db.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def remove(self):
        self.pg_ctl("-m", "immediate", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def portal(innoday):
    """(the private PostgreSQL server, the InnoDay page's address on gunicorn serving the site from it)"""
    server = PrivatePostgres()
    env = {name: value for name, value in os.environ.items() if name != "CACHE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="innoportal.settings.production",
        DATABASE_URL=server.url,
        SECRET_KEY="database-restart-test",
        ALLOWED_HOSTS="127.0.0.1",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        COOKIES_SECURE="0",  # plain http on 127.0.0.1, no proxy in front
        SSL_REDIRECT="0",
        TRUSTED_PROXY_COUNT="0",
        ALLOW_PROCESS_CACHE="1",  # nothing under test is in the cache
        REGISTRATION_RATE_LIMIT="off",  # every person comes from 127.0.0.1
        STATIC_ROOT=str(server.dir / "static"),  # production renders {% static %} through the manifest
    )
    collect = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=settings.BASE_DIR, env=env
    )
    web = None
    try:
        server.create(copy_of=database_url())  # while collectstatic runs
        assert collect.wait(timeout=120) == 0, "collectstatic failed"
        port, log = free_port(), server.dir / "gunicorn.log"
        command = [sys.executable, "-m", "gunicorn", "innoportal.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
        with open(log, "wb") as output:
            web = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)
        page_url = f"http://127.0.0.1:{port}{urlsplit(innoday['en'].url).path}"
        wait_until_serving(web, page_url, log)
        yield server, page_url
    finally:
        stop(web)
        stop(collect)
        server.remove()


@dataclass
class Answer:
    kind: str  # "form": the GET of the InnoDay page; "registration": the POST of its form
    email: str
    sent: float
    received: float
    status: int | None  # None: the connection broke
    text: str
    success: bool  # the form with its CSRF token; a redirect to the "registered" page


def register_continuously(page_url, emails, until, answers):
    """One person's browser: gets the form, then registers again and again, with a new address each time."""
    session, token = requests.Session(), None
    registered = urlsplit(page_url).path + "registered/"
    while not until.is_set():
        email, sent = "", time.monotonic()
        try:
            if not token:
                response = session.get(page_url, timeout=30)
                token = response.status_code == 200 and (match := CSRF.search(response.text)) and match.group(1)
                success = bool(token)
            else:
                email = f"person{next(emails)}@restart.example.hk"
                data = {**FORM, "email": email, "csrfmiddlewaretoken": token}
                response = session.post(page_url, data=data, timeout=30, allow_redirects=False)
                location = urlsplit(response.headers.get("Location", "")).path
                success = response.status_code == 302 and location == registered
            status, text = response.status_code, response.text
        except requests.RequestException as error:
            status, text, success = None, repr(error), False
        answers.append(
            Answer("registration" if email else "form", email, sent, time.monotonic(), status, text, success)
        )
        if not success:
            time.sleep(0.05)


@contextmanager
def people_registering(page_url, emails, answers):
    until = threading.Event()
    people = [
        threading.Thread(target=register_continuously, args=(page_url, emails, until, answers), daemon=True)
        for _ in range(PEOPLE)
    ]
    for person in people:
        person.start()
    try:
        yield
    finally:
        until.set()
        for person in people:
            person.join(timeout=60)


def test_every_registration_answered_with_success_is_stored_across_restarts_and_the_site_recovers(portal):
    server, page_url = portal
    answers, emails = [], itertools.count(1)

    def registered():
        return [a for a in list(answers) if a.success and a.kind == "registration"]

    with people_registering(page_url, emails, answers):
        deadline = time.monotonic() + 30
        while len(registered()) < 8:
            assert time.monotonic() < deadline, Counter((a.kind, a.status) for a in answers)
            time.sleep(0.1)
        down = time.monotonic()
        server.stop("fast")
        time.sleep(OUTAGE)
        server.start()
        back = time.monotonic()
        time.sleep(1.5)
    server.stop("fast")
    server.start()
    quiet_back = time.monotonic()
    with people_registering(page_url, emails, answers):
        time.sleep(1)

    def phase(a):
        if a.received < down:
            return "before"
        if a.sent <= back:
            return "busy restart"
        return "after" if a.sent < quiet_back else "after the quiet restart"

    stored = {email for (email,) in server.query("SELECT email FROM events_registration")}
    seats = dict(server.query("SELECT status, count(*) FROM events_registration GROUP BY status"))
    lost = [a.email for a in registered() if a.email not in stored]
    assert not lost, f"answered as registered, but not stored: {lost}"
    failures = [a for a in answers if not a.success]
    unexplained = [a for a in failures if a.status is not None and not (a.status >= 500 and SAVED_NOTHING in a.text)]
    assert not unexplained, [(a.kind, a.status, phase(a), a.text[:300]) for a in unexplained]
    while_up = [(a.kind, a.status, phase(a)) for a in failures if phase(a) != "busy restart"]
    assert not while_up, f"failed while the server was up: {while_up}"
    assert failures, "nobody noticed the busy restart"
    successes = Counter(phase(a) for a in registered())
    assert all(successes[name] for name in ("before", "after", "after the quiet restart")), successes
    recovered = min(a.received for a in registered() if a.sent > back) - back
    assert recovered < RECOVERY
    assert seats.get("confirmed") == 2 and seats.get("waitlisted") == len(stored) - 2, seats
    saved_anyway = [a.email for a in failures if a.email in stored]
    assert not saved_anyway, f"the 500 page said nothing was saved, but these were: {saved_anyway}"
    emails = server.query(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE task_path LIKE '%send_registration_email'"
    )[0][0]
    assert emails == len(stored), f"{len(stored)} registrations stored, {emails} emails queued"
    print(
        f"\nregistered {dict(successes)}; stored {len(stored)} {seats};"
        f" failures {dict(Counter((a.kind, a.status) for a in failures))}, {len(saved_anyway)} of them stored;"
        f" first registration {recovered:.2f} s after the server was back"
    )
