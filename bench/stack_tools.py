"""Helpers of bench/stack.py: drive the running stack (bin/stack), read its database and logs, count emails.

Nothing here starts servers but the SMTP server (aiosmtpd, in the benchmark's own process); the stack
itself is bin/stack's.
"""

import asyncio
import json
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import registration
import requests
from registration import ROOT

STACK = ["bash", str(ROOT / "bin" / "stack")]
DATABASE = "innoportal_stack"
SITE = "http://127.0.0.1:8080"
APPS = {"app1": "http://127.0.0.1:8001", "app2": "http://127.0.0.1:8002"}
LOGS = ROOT / "var" / "log"
VARNISHADM = ["varnishadm", "-T", "127.0.0.1:6082", "-S", str(ROOT / "var" / "stack" / "varnish.secret")]


class Result:
    """One check's outcome: passed or not, and the figures it printed (the first one goes in the summary)."""

    def __init__(self, name):
        self.name, self.passed, self.figures, self.failures = name, True, [], []
        self.summary = ""

    def figure(self, text):
        self.figures.append(text)
        print(f"  {text}", flush=True)

    def expect(self, condition, failure):
        if not condition:
            self.passed = False
            self.failures.append(failure)
            print(f"  ! {failure}", flush=True)
        return condition


# --- the stack ------------------------------------------------------------------------------------


def stack(*args, timeout=600, check=True):
    result = subprocess.run([*STACK, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode:
        raise RuntimeError(f"bin/stack {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return result.stdout


def ctl(*args):
    return stack("ctl", *args, check=False).strip()


def program_pid(name):
    text = ctl("pid", name)
    return int(text) if text.isdigit() and int(text) > 0 else None


def kill_group(name):
    """kill -9 the program's process group (supervisor starts each program as a group leader)."""
    pid = program_pid(name)
    if pid is None:
        raise RuntimeError(f"{name} is not running")
    signal_group(pid, signal.SIGKILL)
    return pid


def signal_group(pid, number):
    import os

    os.killpg(pid, number)


def wait_restarted(name, old_pid, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid = program_pid(name)
        if pid and pid != old_pid and "RUNNING" in ctl("status", name):
            return time.monotonic()
        time.sleep(0.5)
    return None


def shell(code):
    """Run Python in `manage.py shell` with the stack's environment; returns its KEY=VALUE lines."""
    output = stack("manage", "shell", "--no-imports", "-c", code, timeout=300)
    return dict(line.split("=", 1) for line in output.splitlines() if re.match(r"^[A-Z_]+=", line))


def publish_in_admin(base, page_id, title, user="admin", password="innoportal-demo"):
    """Sign in to Wagtail's admin on the app server at `base` in headless Chromium, set the page's
    title and press Publish, as an editor does: (the time Publish was pressed, the admin's message)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{base}/admin/login/")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", password)
            page.click("form button[type=submit]")
            page.wait_for_url("**/admin/")
            page.goto(f"{base}/admin/pages/{page_id}/edit/")
            page.fill("#id_title", title)
            pressed = time.time()
            with page.expect_navigation():  # Publish sits in the save menu: pressed as a keyboard user does
                page.evaluate("document.querySelector('button[name=action-publish]').click()")
            return pressed, " ".join(page.locator(".messages").inner_text().split())
        finally:
            browser.close()


def backends():
    """Varnish's view of each app server: {'app1': 'healthy', ...}."""
    output = subprocess.run([*VARNISHADM, "backend.list"], capture_output=True, text=True, timeout=10).stdout
    found = {}
    for line in output.splitlines()[1:]:
        parts = line.split()
        if parts:
            name = parts[0].split(".")[-1]
            found[name] = "healthy" if "healthy" in line.lower() and "sick" not in line.lower() else "sick"
    return found


def wait_backend(name, state, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if backends().get(name) == state:
            return True
        time.sleep(0.5)
    return False


# --- the database ---------------------------------------------------------------------------------


def query(sql, params=(), database=DATABASE):
    return registration.query(sql, params, database)


def wait_tasks_idle(timeout=300):
    """Wait until no task is due (RUNNING rows are not waited for: a killed worker's stay RUNNING)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        (due,) = query(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY' AND run_after <= now()"
        )[0]
        if due == 0:
            time.sleep(2)  # the last ones taken finish
            return True
        time.sleep(1)
    return False


# --- logs -----------------------------------------------------------------------------------------


def log_sizes():
    return {name: (LOGS / f"{name}.log").stat().st_size for name in APPS}


def log_lines(name, since):
    with open(LOGS / f"{name}.log", "rb") as log:
        log.seek(since.get(name, 0))
        return log.read().decode("utf-8", "replace").splitlines()


def posts_per_server(since, path_part):
    """POSTs to paths containing `path_part` in each app server's access log since the offsets `since`."""
    return {name: sum(1 for line in log_lines(name, since) if f'"POST {path_part}' in line) for name in APPS}


# --- email ----------------------------------------------------------------------------------------


class Mailbox:
    """aiosmtpd's handler: counts each accepted message per recipient; `delay` slows it (seconds/message)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.recipients = Counter()
        self.delay = 0.0

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.recipients.update(envelope.rcpt_tos)
        return "250 Message accepted for delivery"

    def count(self, part):
        with self.lock:
            return sum(n for address, n in self.recipients.items() if part in address)

    def received(self, part):
        with self.lock:
            return {address: n for address, n in self.recipients.items() if part in address}


# --- a registration burst -------------------------------------------------------------------------


def registrations(event_key):
    rows = query("SELECT email, status FROM events_registration WHERE event_key = %s", (event_key,))
    return dict(rows)


# --- load -----------------------------------------------------------------------------------------


def wrk(url, seconds, connections, headers=()):
    """wrk's requests per second, p99 in ms and non-2xx/3xx answers."""
    from pages import to_ms

    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = to_ms(re.search(r"99%\s+([\d.]+(?:us|ms|s))", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, p99, int(bad.group(1)) if bad else 0


def get(url, **kwargs):
    kwargs.setdefault("timeout", 30)
    return requests.get(url, **kwargs)


def dumps(value):
    return json.dumps(value, ensure_ascii=False)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def free(port):
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def size(path):
    number = Path(path).stat().st_size
    return f"{number / 1e6:.1f} MB" if number >= 1e5 else f"{number / 1e3:.1f} kB"
