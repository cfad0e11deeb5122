"""Alerts fan-out: 10,000 confirmed subscribers; an editor publishes one wish that matches half of them.

    .venv/bin/python bench/alerts.py [--subscribers 10000] [--workers 1] [--gunicorn-workers 2]
                                     [--port 8797] [--keep]

Creates a fresh PostgreSQL database `bench_alerts` on 127.0.0.1:5432 (user postgres, trust auth), migrates
it, builds the site structure, imports two technology categories and a department, and bulk-creates the
confirmed subscribers (immediate alerts; even-numbered ones want robotics, odd-numbered ones energy
efficiency; languages alternate), an editor, and a draft wish in robotics.

Then it starts a real SMTP server (aiosmtpd, in this process, on a free local port), gunicorn (production
settings) and the task worker(s) (`manage.py db_worker`, production settings, EMAIL_URL pointing at the
SMTP server), logs in to the Wagtail admin as the editor and publishes the draft with the admin's own
"Publish" request, like an editor in a browser.

Prints the publish request's latency (goal: under 200 ms; the request only records the announcement and
queues one task), the time until the subscribers were matched, the time until every alert had been
accepted by the SMTP server, the delivery rate, and checks that nobody received the wish twice. A
benchmark: it prints its figures and does not pass or fail.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg2
import requests
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from registration import PG, PYTHON, ROOT, admin_sql, manage, start_gunicorn, stop, wait_until_up

DATABASE = "bench_alerts"
EDITOR = ("bench-editor", "bench-editor-password")

SETUP = """
import itertools
from django.contrib.auth import get_user_model
from django.utils import timezone
from catalogue.importer import import_records, parse_lines
from catalogue.importer.loader import existing_keys
from catalogue.models import Organisation, TechnologyCategory, WishIndexPage, WishPage
from notifications.models import Interest, Subscription

lines = [
    '{"kind": "category", "key": "robotics", "locale": "en", "name": "Robotics applications"}',
    '{"kind": "category", "key": "robotics", "locale": "zh-hant", "name": "機械人應用"}',
    '{"kind": "category", "key": "energy-efficiency", "locale": "en", "name": "Energy efficiency"}',
    '{"kind": "category", "key": "energy-efficiency", "locale": "zh-hant", "name": "能源效益"}',
    '{"kind": "organisation", "key": "emsd", "locale": "en", "type": "department", '
    '"name": "Electrical and Mechanical Services Department"}',
    '{"kind": "organisation", "key": "emsd", "locale": "zh-hant", "type": "department", "name": "機電工程署"}',
]
import_records(parse_lines(lines, existing_keys()))

now = timezone.now()
people = [
    Subscription(email=f"person{n}@bench.example.com", language=("en", "zh-hant")[n // 2 % 2],
                 frequency="immediate", status="confirmed", confirmed_at=now)
    for n in range(SUBSCRIBERS)
]
Subscription.objects.bulk_create(people, batch_size=2000)
interests = [
    Interest(subscription_id=pk, facet="category", value=("robotics", "energy-efficiency")[n % 2])
    for n, pk in enumerate(Subscription.objects.order_by("email").values_list("pk", flat=True))
]
Interest.objects.bulk_create(interests, batch_size=2000)
robots = Interest.objects.filter(value="robotics").count()

get_user_model().objects.create_superuser(EDITOR_NAME, "editor@bench.example.com", EDITOR_PASSWORD)
index = WishIndexPage.objects.get(locale__language_code="en")


def draft(title, status):
    wish = WishPage(
        title=title, summary="Inspect cooling towers without sending people up.", body="<p>Towers are tall.</p>",
        live=False,
    )
    wish.set_facts(
        organisation=Organisation.objects.get(key="emsd", locale__language_code="en"), status=status,
        published_on=timezone.localdate(),
        categories=[TechnologyCategory.objects.get(key="robotics", locale__language_code="en")],
    )
    index.add_child(instance=wish)
    wish.save_revision()
    return wish


# Closed wishes alert nobody: publishing them warms both gunicorn workers up on the same admin view.
print("WARM_UP_IDS=" + ",".join(str(draft(f"Closed wish {n}", "closed").pk) for n in range(4)))
wish = draft("Robots to inspect cooling towers", "open")
print(f"WISH_ID={wish.pk}")
print(f"MATCHING={robots}")

# The alerts' own share of a publication: record the announcement and queue one task (rolled back).
import statistics, time
from django.db import transaction
from notifications.announcements import announce
from notifications.tasks import match_subscribers
costs = []
for _ in range(25):
    started = time.perf_counter()
    with transaction.atomic():
        announce("wish", wish)
        match_subscribers.enqueue(0)
        costs.append(time.perf_counter() - started)
        transaction.set_rollback(True)
print(f"HANDLER_MS={statistics.median(costs) * 1000:.1f}")
"""


class CountingMailbox:
    """The SMTP server's side: count each accepted message and when it was accepted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times = []
        self.recipients = Counter()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.times.append(time.perf_counter())
            self.recipients.update(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(static_root, smtp_port):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innoportal.settings.production",
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "COOKIES_SECURE": "0",
        "SSL_REDIRECT": "0",  # plain HTTP on 127.0.0.1, no proxy in front
        "ADMIN_TWO_FACTOR": "0",  # the bench editor logs in with a password only
        "TRUSTED_PROXY_COUNT": "0",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/14"),
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DATABASE}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "STATIC_ROOT": str(static_root),
    }


def drop_database():
    admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def prepare(env, subscribers):
    drop_database()
    admin_sql(f"CREATE DATABASE {DATABASE}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content", "--structure-only")
    manage(env, "collectstatic", "--noinput", "-v0")
    script = SETUP.replace("SUBSCRIBERS", str(int(subscribers)))
    script = script.replace("EDITOR_NAME", repr(EDITOR[0])).replace("EDITOR_PASSWORD", repr(EDITOR[1]))
    output = manage(env, "shell", "-c", script)
    values = dict(line.split("=", 1) for line in output.splitlines() if "=" in line)
    warm_up = [int(pk) for pk in values["WARM_UP_IDS"].split(",")]
    return int(values["WISH_ID"]), warm_up, int(values["MATCHING"]), float(values["HANDLER_MS"])


def log_in(base):
    session = requests.Session()
    page = session.get(f"{base}/admin/login/", timeout=30)
    token = BeautifulSoup(page.text, "html.parser").select_one("input[name=csrfmiddlewaretoken]")["value"]
    answer = session.post(
        f"{base}/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": EDITOR[0], "password": EDITOR[1], "next": "/admin/"},
        headers={"Referer": f"{base}/admin/login/"},
        timeout=30,
        allow_redirects=False,
    )
    if answer.status_code != 302:
        raise SystemExit(f"login failed: {answer.status_code}")
    return session


def edit_form(session, base, page_id):
    """The editor's form as the browser would send it: every field with its current value."""
    url = f"{base}/admin/pages/{page_id}/edit/"
    form = BeautifulSoup(session.get(url, timeout=30).text, "html.parser").select_one("form#page-edit-form")
    data = []
    for field in form.select("input[name], textarea[name], select[name]"):
        kind = field.get("type", "").lower()
        if field.name == "input" and kind in ("submit", "button", "file", "image"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.select("option[selected]") or field.select("option")[:1]
            data += [(field["name"], option.get("value", "")) for option in chosen]
        elif field.name == "textarea":
            data.append((field["name"], field.text))
        else:
            data.append((field["name"], field.get("value", "on" if kind == "checkbox" else "")))
    return url, data


def publish(session, base, page_id):
    url, data = edit_form(session, base, page_id)
    started = time.perf_counter()
    answer = session.post(
        url,
        data=[*data, ("action-publish", "action-publish")],
        headers={"Referer": url},
        timeout=60,
        allow_redirects=False,
    )
    latency = time.perf_counter() - started
    if answer.status_code != 302:
        raise SystemExit(f"publish failed: {answer.status_code} {answer.text[:500]!r}")
    return started, latency


def fan_out_seconds():
    connection = psycopg2.connect(dbname=DATABASE, **PG)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXTRACT(EPOCH FROM matched_at - announced_at) FROM notifications_announcement "
                "WHERE newsworthy ORDER BY announced_at DESC LIMIT 1"
            )
            matched = cursor.fetchone()
            cursor.execute("SELECT status, count(*) FROM notifications_alert GROUP BY status")
            return (float(matched[0]) if matched and matched[0] is not None else None), dict(cursor.fetchall())
    finally:
        connection.close()


def wait_for_idle_workers(timeout=300):
    """Let the workers finish what setting up queued (search and reference indexing of the imports),
    so that the publication's own tasks are the only work in the queue, as on a running site."""
    connection = psycopg2.connect(dbname=DATABASE, **PG)
    connection.autocommit = True
    deadline = time.monotonic() + timeout
    try:
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                cursor.execute(
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
                )
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.5)
    finally:
        connection.close()
    raise SystemExit("the workers did not empty the task queue")


def wait_for(mailbox, expected, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with mailbox.lock:
            if len(mailbox.times) >= expected:
                return True
        time.sleep(0.05)
    return False


def report(args, latency, republish_latency, handler_ms, started, mailbox, matching, fan_out, statuses):
    times = sorted(mailbox.times)
    count = len(times)
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"machine        {os.cpu_count()} CPUs (load average {load}), Python {sys.version.split()[0]}, "
        f"PostgreSQL on {PG['host']}"
    )
    print(
        f"setup          {args.subscribers} confirmed subscribers, {matching} match the wish; "
        f"gunicorn {args.gunicorn_workers} workers, {args.workers} db_worker(s), aiosmtpd on 127.0.0.1"
    )
    print(f"publish        {latency * 1000:.0f} ms (the admin's Publish POST, first publication)")
    print(f"republish      {republish_latency * 1000:.0f} ms (an edit published again: no alerts)")
    print(f"alerts' share  {handler_ms:.1f} ms of a publication (record the announcement, queue one task)")
    print(
        f"matched        {fan_out:.2f} s after the publication (task picked up, subscribers matched in SQL)"
        if fan_out is not None
        else "matched        never"
    )
    if times:
        first, last = times[0] - started, times[-1] - started
        print(f"first alert    accepted by SMTP {first:.2f} s after the Publish request started")
        print(f"all alerts     {count} of {matching} accepted {last:.2f} s after the Publish request started")
        rate = (count - 1) / (times[-1] - times[0]) if count > 1 else float("nan")
        print(f"delivery rate  {rate:.0f} emails/s (first to last accepted); {count / last:.0f} emails/s overall")
    duplicates = sum(1 for n in mailbox.recipients.values() if n > 1)
    print(f"duplicates     {duplicates} subscribers got the wish more than once")
    print(f"alert rows     {statuses}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="db_worker processes")
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--timeout", type=int, default=600, help="seconds to wait for every alert")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="innoportal-bench-alerts-"))
    mailbox = CountingMailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    env = environment(scratch / "static", smtp.port)
    server, workers = None, []
    try:
        print(f"Preparing database {DATABASE} with {args.subscribers} subscribers...", flush=True)
        wish_id, warm_up, matching, handler_ms = prepare(env, args.subscribers)
        smtp.start()
        with open(scratch / "gunicorn.log", "w") as log, open(scratch / "worker.log", "w") as worker_log:
            server = start_gunicorn(env, args.port, args.gunicorn_workers, 1, log)
            base = f"http://127.0.0.1:{args.port}"
            wait_until_up(server, f"{base}/en/", log.name)
            for n in range(args.workers):
                command = [PYTHON, "manage.py", "db_worker", "--no-reload", "--worker-id", f"bench-{n}"]
                workers.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=worker_log, stderr=worker_log))
            session = log_in(base)
            for page_id in warm_up:
                publish(session, base, page_id)
            wait_for_idle_workers()
            print(f"Publishing the wish; waiting for {matching} alerts...", flush=True)
            started, latency = publish(session, base, wish_id)
            if not wait_for(mailbox, matching, args.timeout):
                print(f"timed out: {len(mailbox.times)} of {matching} alerts after {args.timeout} s")
            time.sleep(1)  # anything beyond the expected count would be a duplicate
            _started, republish_latency = publish(session, base, wish_id)
            fan_out, statuses = fan_out_seconds()
            report(args, latency, republish_latency, handler_ms, started, mailbox, matching, fan_out, statuses)
    finally:
        for worker in workers:
            stop(worker)
        if server is not None:
            stop(server)
        smtp.stop()
        shutil.rmtree(scratch, ignore_errors=True)
        if args.keep:
            print(f"Database {DATABASE} kept.")
        else:
            drop_database()


if __name__ == "__main__":
    main()
