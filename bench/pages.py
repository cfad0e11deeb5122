"""Public pages under load: requests per second and p99 for each kind of page, without and with the
page cache, and the SQL queries each page makes.

    .venv/bin/python bench/pages.py [--seconds 8] [--connections 8] [--workers 2] [--port 8797]
                                    [--reuse] [--only uncached|cached] [--cache redis://127.0.0.1:6379/13]

Builds a SQLite database of the demo content (`make run`'s) in var/bench/pages.sqlite3 (kept with
--reuse), collects the static files into a throwaway directory, and serves the site with gunicorn
(production settings, DEBUG off, 2 sync workers, plain http on 127.0.0.1) with the shared cache in
Redis. `wrk` (Debian: apt-get install wrk) loads each page for --seconds with --connections
connections, once with the page cache off (PAGE_CACHE=off) and once with it on.

Queries are counted in a separate process with Django's test client on the same database: the
second anonymous request of each page, with the page cache off. A benchmark: it prints a table and
does not pass or fail.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import requests
from registration import manage, start_gunicorn, stop, wait_until_up  # bench/registration.py: the same serving

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "pages.sqlite3"

PICK_PAGES = r"""
import json
from catalogue.models import SolutionPage, TrialPage, WishPage
from innodays.models import InnoDayPage

def first(model, **filters):
    page = model.objects.live().public().filter(locale__language_code="en", **filters).order_by("pk").first()
    return page.url if page else None

pages = {
    "home": "/en/",
    "wish": first(WishPage),
    "solution": first(SolutionPage),
    "trial": first(TrialPage, item__status="completed"),
    "innoday": first(InnoDayPage),
    "wishes index": "/en/wishes/",
    "solutions index": "/en/solutions/",
    "trials index": "/en/trials/",
    "innodays index": "/en/innodays/",
    "search (English)": "/en/search/?q=chiller",
    "search (中文)": "/zh-hant/search/?q=%E5%86%B7%E6%B0%B4%E6%A9%9F",
    "home 繁": "/zh-hant/",
    "home 简": "/zh-hans/",
    "API pages": "/api/v2/pages/?type=catalogue.WishPage&fields=title&limit=20",
    "API search": "/api/search/?q=chiller",
}
print("PAGES=" + json.dumps({name: url for name, url in pages.items() if url}))
"""

COUNT_QUERIES = r"""
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

counts = {}
for name, url in json.loads(sys.argv[1]).items():
    client = Client()
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    counts[name] = [response.status_code, len(queries)]
print("COUNTS=" + json.dumps(counts))
"""


def base_env(static_root, cache_url, page_cache):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innoportal.settings.production",
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "COOKIES_SECURE": "0",
        "SSL_REDIRECT": "0",
        "TRUSTED_PROXY_COUNT": "0",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "CACHE_URL": cache_url,
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "STATIC_ROOT": str(static_root),
        "PAGE_CACHE": page_cache,
        "LOG_LEVEL": "WARNING",
    }


def shell(env, code, *args):
    output = manage(env, "shell", "-c", f"import sys; sys.argv = ['shell', *{list(args)!r}]\n" + code)
    for line in output.splitlines():
        if "=" in line and line.split("=", 1)[0] in ("PAGES", "COUNTS"):
            return json.loads(line.split("=", 1)[1])
    raise SystemExit(f"no answer from the shell:\n{output[-2000:]}")


def prepare(env, reuse):
    if reuse and DATABASE.exists():
        return
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "compile_translations")
    manage(env, "load_demo_content")


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def load(url, seconds, connections):
    """wrk's requests per second, p99 latency in ms, and non-2xx/3xx answers."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = to_ms(re.search(r"99%\s+([\d.]+(?:us|ms|s))", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, p99, int(bad.group(1)) if bad else 0


def measure(env, pages, args, page_cache):
    env = {**env, "PAGE_CACHE": page_cache}
    base = f"http://127.0.0.1:{args.port}"
    with tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False) as log:
        server = start_gunicorn(env, args.port, args.workers, 1, log)
        try:
            wait_until_up(server, base + "/en/", log.name)
            results = {}
            for name, path in pages.items():
                requests.get(base + path, timeout=30)  # warm the page (and the cache, when on)
                results[name] = load(base + path, args.seconds, args.connections)
                print(f"  {page_cache:>3}  {name:<18} {results[name][0]:>8.1f} req/s  p99 {results[name][1]:.1f} ms")
            return results
        finally:
            stop(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run")
    parser.add_argument("--only", choices=("uncached", "cached"))
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    env = base_env(static_root, args.cache, "off")
    try:
        prepare({**env, "DJANGO_SETTINGS_MODULE": "innoportal.settings.dev"}, args.reuse)
        manage(env, "collectstatic", "--noinput", "-v0")
        pages = shell(env, PICK_PAGES)
        counts = shell({**env, "DJANGO_SETTINGS_MODULE": "innoportal.settings.dev"}, COUNT_QUERIES, json.dumps(pages))
        modes = [args.only] if args.only else ["uncached", "cached"]
        results = {mode: measure(env, pages, args, "off" if mode == "uncached" else "on") for mode in modes}
    finally:
        shutil.rmtree(static_root, ignore_errors=True)

    head = f"{'page':<18} {'status':>6} {'queries':>7}"
    for mode in modes:
        head += f" {mode + ' req/s':>15} {'p99 ms':>8}"
    print("\n" + head + "\n" + "-" * len(head))
    for name in pages:
        status, queries = counts[name]
        line = f"{name:<18} {status:>6} {queries:>7}"
        for mode in modes:
            rate, p99, bad = results[mode][name]
            line += f" {rate:>15.1f} {p99:>8.1f}" + (f" ({bad} errors)" if bad else "")
        print(line)


if __name__ == "__main__":
    main()
