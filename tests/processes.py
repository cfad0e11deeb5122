"""For tests that run the portal's own processes (worker, web server) on the test's database."""

import socket
import subprocess
import time

import requests
from django.db import connection


def database_url():
    """DATABASE_URL of the database this test uses, for a process started by the test."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on (for a server the test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(server, url, log, timeout=60):
    """Wait until the web server process `server` answers `url` with 200; else fail with the end of its log."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        assert server.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)


def stop(process):
    """Terminate a process the test started (None: never started), killing it after 10 s."""
    if process is not None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
