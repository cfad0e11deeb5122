"""InnoDay registration rush: many people register at once for a few seats, through the real form.

    .venv/bin/python bench/registration.py [--people 600] [--seats 300] [--workers 4] [--threads 1]
                                           [--port 8796] [--keep]

Creates a fresh PostgreSQL database `innoportal_bench` on 127.0.0.1:5432 (user postgres, trust auth),
migrates it, builds the site structure and one InnoDay open for registration, and serves the site with
gunicorn (production settings, plain http) on 127.0.0.1:PORT. Then all the people start together, each
in its own thread with its own cookies: GET the InnoDay page for the CSRF token and cookie, POST the
registration form to its action. A 302 to <page>/registered/ is a registration; anything else is an error.

Prints the confirmed and waitlisted counts (from the database), the errors, the wall time, the
throughput and the POST latency (p50/p95/p99/max). Expected: `seats` confirmed, the rest waitlisted,
no errors. A benchmark: it prints its figures and does not pass or fail.

REGISTRATION_RATE_LIMIT is "off" for the served site: every simulated person comes from 127.0.0.1, and
the per-address limit (10 attempts in 10 minutes by default) would refuse almost all of them.

It also prints where the CPU went during the rush (this client, gunicorn, PostgreSQL, the rest of the
machine), from /proc: on a 2-core machine the client's 600 threads compete with the server.

Emails are background tasks on the database backend: a registration only adds task rows, and no worker
runs during the benchmark, so sending email is not part of the latency.

Static files are collected into a throwaway directory under /tmp: the production settings render
{% static %} through the manifest. They are not served.
"""

import argparse
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import psycopg2
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "innoportal_bench"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
TIMEOUT = 60  # seconds, per request
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACTION = re.compile(r'<form method="post" action="([^"]+)"')

CREATE_INNODAY = """
import datetime
from django.utils import timezone
from innodays.models import InnoDayIndexPage, InnoDayPage
from innoportal.page_tree import ensure_page, homes

now = timezone.now()
starts = now + datetime.timedelta(days=7)
common = {
    "starts": starts,
    "ends": starts + datetime.timedelta(hours=3),
    "capacity": SEATS,
    "registration_opens": now - datetime.timedelta(days=1),
    "registration_closes": now + datetime.timedelta(days=5),
}
titles = {"en": {"title": "InnoDays"}, "zh-hant": {"title": "創科日"}}
index = ensure_page(homes(), InnoDayIndexPage, "innodays", titles)
fields = {
    "en": {"title": "InnoDay: registration rush", "intro": "Benchmark.", "venue": "EMSD HQ", **common},
    "zh-hant": {"title": "創科日：報名高峰", "intro": "基準測試。", "venue": "機電工程署總部", **common},
}
pages = ensure_page(index, InnoDayPage, "bench-rush", fields, show_in_menus=False)
print("PAGE_URL=" + pages["en"].url)
"""


def server_env(static_root):
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
        "REGISTRATION_RATE_LIMIT": "off",
        "STATIC_ROOT": str(static_root),
    }


def query(sql, params=(), database="postgres"):
    """One statement on its own autocommitted connection; its rows, if it returns any."""
    connection = psycopg2.connect(dbname=database, **PG)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


def admin_sql(statement):
    query(statement)


def drop_database():
    admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def manage(env, *args):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(env, seats):
    """Fresh database with the site structure and one open InnoDay; returns the InnoDay's path."""
    drop_database()
    admin_sql(f"CREATE DATABASE {DATABASE}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content", "--structure-only")
    manage(env, "collectstatic", "--noinput", "-v0")
    output = manage(env, "shell", "-c", CREATE_INNODAY.replace("SEATS", str(int(seats))))
    urls = [line.split("=", 1)[1] for line in output.splitlines() if line.startswith("PAGE_URL=")]
    if not urls:
        raise SystemExit(f"no InnoDay page made:\n{output}")
    return urls[0]


def start_gunicorn(env, port, workers, threads, log):
    command = [PYTHON, "-m", "gunicorn", "innoportal.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(server, url, log_path):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url}:\n{Path(log_path).read_text()[-3000:]}")


def stop(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class Person(threading.Thread):
    def __init__(self, number, page_url, barrier):
        super().__init__(daemon=True)
        self.number, self.page_url, self.barrier = number, page_url, barrier
        self.outcome, self.latency, self.detail = "unfinished", None, ""

    def run(self):
        session = requests.Session()
        try:
            self.barrier.wait()
            page = session.get(self.page_url, timeout=TIMEOUT)
            token, action = CSRF.search(page.text), ACTION.search(page.text)
            if page.status_code != 200 or not token or not action:
                self.outcome, self.detail = "error", f"GET {page.status_code}: {page.text[:200]!r}"
                return
            data = {
                "csrfmiddlewaretoken": token.group(1),
                "name": f"Bench Person {self.number}",
                "email": f"person{self.number}@bench.example.com",
                "organisation": "Bench University",
                "sector": "university",
                "accessibility_needs": "",
                "consent": "on",
                "website": "",
            }
            started = time.perf_counter()
            form_url = urljoin(self.page_url, action.group(1))  # the form's own address, as a browser sends it
            answer = session.post(form_url, data=data, timeout=TIMEOUT, allow_redirects=False)
            self.latency = time.perf_counter() - started
            location = urlsplit(answer.headers.get("Location", ""))
            if answer.status_code == 302 and location.path == urlsplit(self.page_url).path + "registered/":
                self.outcome = "registered"
            elif answer.status_code == 200 and "already registered" in answer.text:
                # Sent again by the proxy after the first server died with it (deploy/varnish.vcl): the
                # first attempt's registration stands, and the person is told so.
                self.outcome, self.detail = "already registered", "a repeat of a POST the first server took"
            else:
                errors = re.findall(r'class="(?:form-errors|field__error)"[^>]*>(.*?)</', answer.text, re.S)
                self.outcome = "error"
                self.detail = f"POST {answer.status_code} {location.path!r} {errors[:3] or answer.text[:200]!r}"
        except threading.BrokenBarrierError:
            self.outcome, self.detail = "error", "never started (barrier broken)"
        except requests.RequestException as exc:
            self.outcome, self.detail = "error", f"{type(exc).__name__}: {exc}"
        finally:
            session.close()


def cpu_seconds(pids):
    """CPU time (user + system) used so far by these processes: /proc/<pid>/stat, in clock ticks."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def processes(command_part):
    """Pids of the running processes whose command line contains `command_part`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if command_part in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def machine_busy_seconds():
    """CPU seconds the whole machine spent busy (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class CpuUse:
    """Where the machine's CPU went during the rush: this client, this benchmark's gunicorn (master and
    workers share its command line), the PostgreSQL backends serving its database (their process
    titles name it; those started during the rush count whole), and the rest of the machine."""

    def __init__(self, port):
        self.groups = {"gunicorn": f"127.0.0.1:{port}".encode(), "PostgreSQL": f" {DATABASE} ".encode()}

    def __enter__(self):
        self.before = self._now()
        return self

    def __exit__(self, *exc):
        after = self._now()
        self.used = {name: after[name] - self.before[name] for name in ("client", "machine")}
        for name in self.groups:
            started = self.before[name]
            self.used[name] = sum(seconds - started.get(pid, 0) for pid, seconds in after[name].items())

    def _now(self):
        times = os.times()
        now = {"client": times.user + times.system, "machine": machine_busy_seconds()}
        now.update({name: {pid: cpu_seconds([pid]) for pid in processes(part)} for name, part in self.groups.items()})
        return now


def rush(page_url, people, during=None, after=1.0, start_within=60, finish_within=2 * TIMEOUT + 30):
    """`people` register at once: (the crowd, the wall time, and `during()`'s result with when it was
    called, `after` seconds into the rush, or None)."""
    barrier = threading.Barrier(people + 1, timeout=start_within)
    crowd = [Person(number, page_url, barrier) for number in range(1, people + 1)]
    for person in crowd:
        person.start()
    barrier.wait()
    started = time.perf_counter()
    happened = None
    if during:
        time.sleep(after)
        happened = (during(), time.perf_counter() - started)
    deadline = time.monotonic() + finish_within
    for person in crowd:
        person.join(max(0.0, deadline - time.monotonic()))
    return crowd, time.perf_counter() - started, happened


def count_statuses():
    return dict(query("SELECT status, count(*) FROM events_registration GROUP BY status", database=DATABASE))


def percentile(values, fraction):
    """Nearest-rank percentile of sorted values."""
    if not values:
        return float("nan")
    rank = math.ceil(round(fraction * len(values), 6))
    return values[min(max(rank, 1), len(values)) - 1]


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def latency_line(crowd):
    latencies = sorted(person.latency for person in crowd if person.latency is not None)
    if not latencies:
        return "POST latency n/a"
    parts = [f"p{int(q * 100)} {ms(percentile(latencies, q))}" for q in (0.5, 0.95, 0.99)]
    return f"POST latency {', '.join(parts)}, max {ms(latencies[-1])}"


def report(args, crowd, wall, statuses, cpu):
    outcomes = Counter(person.outcome for person in crowd)
    errors = len(crowd) - outcomes["registered"]
    kind = f"gthread, {args.threads} threads each" if args.threads > 1 else "sync"
    print(f"machine      {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, PostgreSQL on {PG['host']}")
    print(f"gunicorn     {args.workers} workers ({kind}) on 127.0.0.1:{args.port}, production settings")
    print(f"people       {len(crowd)}")
    print(f"seats        {args.seats}")
    print(f"confirmed    {statuses.get('confirmed', 0)}")
    print(f"waitlisted   {statuses.get('waitlisted', 0)}")
    if set(statuses) - {"confirmed", "waitlisted"}:
        print(f"other        {statuses}")
    print(f"errors       {errors}")
    print(f"wall time    {wall:.2f} s (GET + POST, all people)")
    print(f"throughput   {outcomes['registered'] / wall:.1f} registrations/s")
    print(latency_line(crowd))
    used = cpu.used
    rest = used["machine"] - used["client"] - used["gunicorn"] - used["PostgreSQL"]
    print(
        f"CPU used     {used['machine']:.1f} s of {os.cpu_count() * wall:.1f} s: client {used['client']:.1f} s, "
        f"gunicorn {used['gunicorn']:.1f} s, PostgreSQL {used['PostgreSQL']:.1f} s, other {rest:.1f} s"
    )
    print(f"per registration: gunicorn {used['gunicorn'] / len(crowd) * 1000:.1f} ms CPU (a GET and a POST)")
    samples = [person for person in crowd if person.outcome != "registered"][:5]
    for person in samples:
        print(f"  error sample (person {person.number}, {person.outcome}): {person.detail}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--seats", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker; above 1 uses gthread")
    parser.add_argument("--port", type=int, default=8796)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="innoportal-bench-"))  # collected static files, gunicorn's log
    env = server_env(scratch / "static")
    server = None
    try:
        with open(scratch / "gunicorn.log", "w") as log:
            print(f"Preparing database {DATABASE} with an InnoDay of {args.seats} seats...", flush=True)
            page_path = prepare(env, args.seats)
            page_url = f"http://127.0.0.1:{args.port}{page_path}"
            server = start_gunicorn(env, args.port, args.workers, args.threads, log)
            wait_until_up(server, page_url, log.name)
            print(f"Rush: {args.people} people register at {page_url}", flush=True)
            with CpuUse(args.port) as cpu:
                crowd, wall, _ = rush(page_url, args.people)
            report(args, crowd, wall, count_statuses(), cpu)
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(scratch, ignore_errors=True)
        if args.keep:
            print(f"Database {DATABASE} kept.")
        else:
            drop_database()


if __name__ == "__main__":
    main()
