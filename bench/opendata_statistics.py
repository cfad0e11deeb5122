"""bench/opendata.py's statistics page: its queries in-process, uncached requests to one gunicorn
worker, and cached requests per second with wrk (the module docstring of bench/opendata.py, step 2)."""

import shutil
import time

from bench.opendata_tools import Server, time_requests, wrk


def child_queries(task):
    """Queries and in-process times of the statistics pages; and the open data page on a new version."""
    import statistics as stats

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale

    from opendata import store
    from portal_statistics import figures

    pages = {}
    for language in ("en", "zh-hant"):
        url = f"/{language}/statistics/"
        client = Client()
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            seconds = time.perf_counter() - started
        times = sorted((float(q["time"]), " ".join(q["sql"].split())) for q in queries.captured_queries)
        locale = Locale.objects.get(language_code=language)
        computes = []
        for _ in range(3):
            began = time.perf_counter()
            figures.compute(locale)
            computes.append(time.perf_counter() - began)
        pages[url] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": len(times),
            "sql_seconds": sum(t for t, _sql in times),
            "slowest": [[t, sql[:110]] for t, sql in times[::-1][:3]],
            "seconds": seconds,
            "compute": stats.median(computes),
        }
    reset_queries()
    store.refresh()  # a new version: the open data page counts the records of every file again
    client = Client()
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        status = client.get("/en/open-data/").status_code
        timings.append((status, time.perf_counter() - started))
    return {"pages": pages, "open_data": timings}


def measure_statistics(args, env, counts, server):
    from bench.registration import percentile

    print(
        f"\nstatistics page at {args.records:,} records: page cache off (PAGE_CACHE=off, every request computes "
        f"the page), {args.requests} sequential requests each to 1 gunicorn sync worker",
        flush=True,
    )
    for url, found in counts["pages"].items():
        timings, status, cache = time_requests(server.base + url, args.requests)
        slowest = ", ".join(f"{t * 1000:.0f} ms" for t, _sql in found["slowest"])
        print(
            f"  {url:<20} status {status}, X-Page-Cache {cache}; p50 {percentile(timings, 0.5) * 1000:.0f} ms, "
            f"p95 {percentile(timings, 0.95) * 1000:.0f} ms, max {timings[-1] * 1000:.0f} ms; "
            f"{found['bytes'] / 1000:.0f} kB"
        )
        print(
            f"  {'':<20} {found['queries']} SQL queries taking {found['sql_seconds'] * 1000:.0f} ms "
            f"(slowest {slowest}); figures.compute alone {found['compute'] * 1000:.0f} ms "
            f"(in-process median of 3), the whole test-client request {found['seconds'] * 1000:.0f} ms",
            flush=True,
        )
        for seconds, sql in found["slowest"][:1]:
            print(f"  {'':<20} slowest: {seconds * 1000:.0f} ms  {sql}…")
    (status, first), (_status, second) = counts["open_data"]
    print(
        f"  (the open data page /en/open-data/, in-process: {first * 1000:.0f} ms on a new version, which counts "
        f"every file's records, then {second * 1000:.0f} ms; status {status})",
        flush=True,
    )


def measure_cached(args, env, scratch):
    import requests

    print(
        f"\nstatistics page, page cache on: {args.workers} gunicorn sync workers, wrk {args.seconds} s, "
        f"{args.connections} connections",
        flush=True,
    )
    server = Server(env | {"PAGE_CACHE": "on"}, args.port, args.workers, scratch / "gunicorn-cached.log")
    try:
        for language in ("en", "zh-hant"):
            url = f"{server.base}/{language}/statistics/"
            started = time.perf_counter()
            miss = requests.get(url, timeout=300)
            miss_seconds = time.perf_counter() - started
            hit = requests.get(url, timeout=300)
            label = f"{miss.headers.get('X-Page-Cache', 'none')}, then {hit.headers.get('X-Page-Cache', 'none')}"
            if not shutil.which("wrk"):
                print(f"  /{language}/statistics/  first request {miss_seconds * 1000:.0f} ms ({label}); wrk missing")
                continue
            rate, p99, bad = wrk(url, args.seconds, args.connections)
            print(
                f"  /{language}/statistics/  first request {miss_seconds * 1000:.0f} ms (X-Page-Cache {label}); "
                f"{rate:,.0f} requests/s, p99 {p99:.1f} ms" + (f", {bad} non-2xx/3xx" if bad else ""),
                flush=True,
            )
    finally:
        server.stop()
