"""Open data at scale: the statistics page and the open data exports on 100,000 catalogue records.

    .venv/bin/python bench/opendata.py [--records 100000] [--small 10000] [--seed 1] [--requests 20]
                                       [--seconds 8] [--connections 4] [--workers 2] [--port 8798]
                                       [--datasets all] [--formats csv,json] [--download wishes,solutions]
                                       [--name bench_opendata] [--cache redis://127.0.0.1:6379/12] [--keep]
                                       [--steps exports,statistics,downloads]

The records are bench/search.py's (bench/search_data.py): its PostgreSQL database on 127.0.0.1:5432,
cloned from the kept import bench_search_<N> as the working database --name (bench_opendata), or
imported and kept first when there is none (bench.search.postgres_with_records: 10-30 minutes for
100,000 records). Everything else runs with the production settings (DEBUG off) and the shared cache
in Redis (--cache, emptied at the start of each size: it holds the open data version and the page
cache), and keeps the open data files in a throwaway folder instead of var/opendata/
(bench/opendata_settings.py).

1. Exports, at --small records and at --records records. A new version (opendata.store.refresh) only
   replaces a token: each file of the version is made when first asked for, streamed and kept as it
   goes. Here each file is made the same way (store.response, consumed to the end, no HTTP), each by
   a process of its own, every dataset (--datasets) in each language and bilingual and each format
   (--formats): the time to its first piece and to the end, its bytes, and the process's peak
   resident memory during the export (VmHWM of /proc/self/status, reset through /proc/self/clear_refs
   once Django is set up, its URLs loaded and the smallest dataset exported, as in a server's worker;
   the growth is over the resident memory at that point). RSS, not tracemalloc: the database driver's
   buffers are outside Python's allocator. Streamed means the growth stays the same from --small to
   --records records (both are printed side by side; at 10,000 records the largest files are within
   one 2,000-row batch of opendata.sources.CHUNK, at 100,000 ten), and within a file: the highest
   RSS after a piece in each quarter of its bytes is printed too, and the largest rise from the first
   quarter to the last.
2. At --records records, the statistics page /en/statistics/ and /zh-hant/statistics/: its SQL
   queries (counted with Django's test client, the second request, page cache off); --requests
   sequential requests each to gunicorn (1 sync worker) with the page cache off (PAGE_CACHE=off: every
   request computes the page), p50/p95/max; and requests per second with the page cache on (--workers
   sync workers, the page kept in Redis) with `wrk` for --seconds over --connections connections.
3. At --records records, downloads over HTTP from that single worker (page cache off; its timeout 60 s,
   deploy/gunicorn.conf.py's, past which a busy sync worker is replaced) of every file of
   the --download datasets: the first download of a version (the export streamed, and kept as it
   goes) and the second (the kept file): time to the first byte of the body, total time, bytes, and the
   worker's peak resident memory during the download (VmHWM of /proc/<worker>/status, reset before
   it) over its resident memory before.

Sanity, for every file made or downloaded: its records (CSV rows parsed with the csv module, as
bodies hold line breaks; JSON array items) equal the published records of the dataset in that language
(Dataset.count, what the open data page shows), every CSV row has as many cells as the header, and a
CSV file starts with the UTF-8 byte order mark. Printed as "ok" or as what differs.

--steps runs some of the steps 1-3 only (without step 1, a download is not checked against the export's
count of records). bench/opendata_tools.py holds the tools, bench/opendata_statistics.py step 2.

A benchmark: it prints figures and does not pass or fail.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
# This file would shadow the `opendata` app (and bench/search.py the `search` app) were this script's
# folder first on sys.path, where Python puts it: the project's root goes there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
sys.path.insert(0, str(ROOT))

PYTHON = sys.executable

from bench.opendata_statistics import child_queries, measure_cached, measure_statistics  # noqa: E402
from bench.opendata_tools import (  # noqa: E402
    LANGUAGES,
    MB,
    WORKER_TIMEOUT,
    Server,
    check_file,
    children_of,
    download,
    empty_cache,
    file_label,
    proc_status,
    reset_peak,
    site_env,
)

# ---- the child processes: each sets Django up on its own


def child(task):
    if task["do"] == "prepare":
        from bench.search import postgres_with_records

        copies = postgres_with_records(task["records"], seed=task["seed"], name=task["name"])
        print(copies.describe(), flush=True)
        from django.db import connections

        connections.close_all()
        return None
    import django

    django.setup()
    if task["do"] == "datasets":
        from opendata.datasets import DATASETS

        return list(DATASETS)
    return {"export": child_export, "queries": child_queries}[task["do"]](task)


def expected_records(dataset, language):
    from opendata.sources import locale

    if language is None:
        return dataset.count(None)
    found = locale(language)
    return dataset.count(found) if found is not None else 0


def child_export(task):
    from django.db import connection
    from django.http import FileResponse
    from django.urls import get_resolver

    from opendata import exporter, store, views
    from opendata.datasets import DATASETS

    dataset, language, file_format = DATASETS[task["dataset"]], task["language"], task["format"]
    name = views.file_name(dataset, language, file_format)
    version = store.current()
    # As in a server's worker: the URLs loaded (the rows' page addresses reverse them), and the code of
    # an export run once, on the smallest dataset, so that what is measured is this export's own.
    get_resolver().url_patterns  # noqa: B018
    warm_up = min(DATASETS.values(), key=lambda d: d.count(None))
    for _piece in exporter.pieces(warm_up, language, file_format):
        pass
    connection.ensure_connection()
    before = proc_status()["VmRSS"]
    reset_peak()
    started = time.perf_counter()
    response = store.response(version, name, lambda: exporter.pieces(dataset, language, file_format))
    if isinstance(response, FileResponse):
        raise SystemExit(f"{name} was already kept in {version.path(name)}: not an export")
    first, size, marks = None, 0, []
    for piece in response.streaming_content:
        first = first if first is not None else time.perf_counter() - started
        size += len(piece)
        marks.append((size, proc_status()["VmRSS"]))  # after each piece (64 kB): where the peak is reached
    seconds = time.perf_counter() - started
    peak = proc_status()["VmHWM"]
    response.close()
    quarters = [[rss for done, rss in marks if q * size / 4 < done <= (q + 1) * size / 4] for q in range(4)]
    return {
        "first": first,
        "seconds": seconds,
        "bytes": size,
        "before": before,
        "peak": peak,
        "quarters": [max(rss) - before if rss else None for rss in quarters],
        "path": str(version.path(name)),
        "expected": expected_records(dataset, language),
    }


def run_child(env, task, capture=True):
    command = [PYTHON, str(Path(__file__).resolve()), "--child", json.dumps(task)]
    if not capture:
        result = subprocess.run(command, cwd=ROOT, env=env)
        if result.returncode:
            raise SystemExit(f"{task['do']} failed ({result.returncode})")
        return None
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if line.startswith("RESULT="):
            return json.loads(line[len("RESULT=") :])
    raise SystemExit(f"{task['do']} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")


def measure_exports(args, env, records):
    print(
        f"\nexports at {records:,} records, each file made in a process of its own (store.response consumed, "
        "no HTTP); memory: the process's resident memory (VmRSS before the export, then its peak VmHWM)",
        flush=True,
    )
    print(
        "  growth: the peak over the RSS before; by quarter: the highest RSS after a piece in each quarter of the "
        "file's bytes, over the RSS before (flat: the export holds no more at the end than at the start)"
    )
    head = (
        f"  {'file':<30} {'records':>8} {'MB':>7} {'first piece':>11} {'total':>8} "
        f"{'RSS before':>10} {'peak':>8} {'growth':>8} {'by quarter (MB)':>19}  check"
    )
    print(head + "\n  " + "-" * (len(head) - 2), flush=True)
    results = {}
    for slug in args.datasets:
        for file_format in args.formats:
            for language in LANGUAGES:
                task = {"do": "export", "dataset": slug, "language": language, "format": file_format}
                result = run_child(env, task)
                result["check"] = check_file(result["path"], file_format, result["expected"])
                Path(result["path"]).unlink()  # checked: the disk need not hold every file of a version
                results[(slug, language, file_format)] = result
                print(
                    f"  {file_label(slug, language, file_format):<30} {result['expected']:>8,} "
                    f"{result['bytes'] / 1e6:>7.1f} {result['first'] * 1000:>8.0f} ms {result['seconds']:>6.1f} s "
                    f"{result['before'] / MB:>7.0f} MB {result['peak'] / MB:>5.0f} MB "
                    f"{(result['peak'] - result['before']) / MB:>+5.1f} MB {by_quarter(result):>19}  "
                    f"{result['check']}",
                    flush=True,
                )
    total = sum(result["seconds"] for result in results.values())
    print(f"  all {len(results)} files of a version, one after the other: {total:.1f} s")
    rises = [(rise(result), key) for key, result in results.items() if rise(result) is not None]
    if rises:
        most, key = max(rises, key=lambda found: found[0])  # keys hold None (bilingual): not compared
        print(
            f"  largest rise from a file's first quarter to its last: {most / MB:+.1f} MB ({file_label(*key)})",
            flush=True,
        )
    return results


def by_quarter(result):
    return " ".join(f"{q / MB:+4.0f}" if q is not None else "   -" for q in result["quarters"])


def rise(result):
    """How much higher the RSS went in the last quarter of the file than in the first, or None."""
    first, last = result["quarters"][0], result["quarters"][-1]
    return last - first if first is not None and last is not None else None


def compare_exports(small, large, args):
    print(
        f"\nstreaming: the export's memory growth (peak RSS over RSS before) at {args.small:,} and at "
        f"{args.records:,} records",
        flush=True,
    )
    print(f"  {'file':<30} {'records':>17} {'MB written':>17} {'growth':>19}")
    for key, big in large.items():
        little = small.get(key)
        if little is None:
            continue
        print(
            f"  {file_label(*key):<30} {little['expected']:>7,} → {big['expected']:>7,} "
            f"{little['bytes'] / 1e6:>7.1f} → {big['bytes'] / 1e6:>7.1f} "
            f"{(little['peak'] - little['before']) / MB:>+7.1f} → {(big['peak'] - big['before']) / MB:>+6.1f} MB"
        )
    growths = [
        (b["peak"] - b["before"]) - (small[k]["peak"] - small[k]["before"]) for k, b in large.items() if k in small
    ]
    if growths:
        print(
            f"  largest difference in growth from {args.small:,} to {args.records:,} records: "
            f"{max(growths, key=abs) / MB:+.1f} MB",
            flush=True,
        )


def measure_downloads(args, server, exports, scratch):
    print(
        f"\ndownloads at {args.records:,} records from 1 gunicorn sync worker (timeout "
        f"{WORKER_TIMEOUT} s as deployed), page cache off: "
        "first of a version (streamed export, kept as it goes), then the kept file; the worker's RSS before "
        "and its peak during (VmHWM reset before each, and VmRSS sampled every 10 ms)",
        flush=True,
    )
    head = (
        f"  {'file':<30} {'':<8} {'first byte':>10} {'total':>8} {'MB':>7} {'RSS before':>10} {'peak':>8} "
        f"{'growth':>8}  check"
    )
    print(head + "\n  " + "-" * (len(head) - 2), flush=True)
    folder = scratch / "downloaded"
    folder.mkdir(exist_ok=True)
    for slug in args.download:
        for file_format in ("csv", "json"):
            for language in LANGUAGES:
                name = file_label(slug, language, file_format)
                found = exports.get((slug, language, file_format))
                for attempt in (1, 2):
                    out = folder / name
                    workers = children_of(server.process.pid)
                    if len(workers) != 1:
                        time.sleep(3)  # a worker being replaced
                        workers = children_of(server.process.pid)
                    got = download(args.port, f"/open-data/{name}", out, workers[0])
                    if got["error"] or got["status"] != 200:
                        check = f"status {got['status']}, {got['error'] or 'complete'}"
                    elif found is None:
                        check = "not checked (not exported in step 1)"
                    else:
                        check = check_file(out, file_format, found["expected"])
                    print(
                        f"  {name if attempt == 1 else '':<30} {got['served']:<8} {got['first'] * 1000:>7.0f} ms "
                        f"{got['total']:>6.1f} s {got['bytes'] / 1e6:>7.1f} {got['before'] / MB:>7.0f} MB "
                        f"{got['peak'] / MB:>5.0f} MB {(got['peak'] - got['before']) / MB:>+5.1f} MB  {check}",
                        flush=True,
                    )
                    out.unlink(missing_ok=True)


def prepare(args, records, scratch):
    from bench.search import DATABASE

    started = time.perf_counter()
    print(f"\n== {records:,} records: database {args.name}", flush=True)
    env = site_env(args, scratch, scratch / "unused")
    # bench/search.py sets Django up with the development settings itself; the cache is the benchmark's.
    env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
    run_child(env, {"do": "prepare", "records": records, "seed": args.seed, "name": args.name}, capture=False)
    print(f"  ready in {time.perf_counter() - started:.1f} s (kept import {DATABASE}_{records})", flush=True)
    empty_cache(args.cache)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="records (half as many items, in en and zh)")
    parser.add_argument("--small", type=int, default=10_000, help="the smaller size the exports are compared with")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=20, help="uncached requests per statistics page")
    parser.add_argument("--seconds", type=int, default=8, help="wrk's duration per cached page")
    parser.add_argument("--connections", type=int, default=4, help="wrk's connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for the cached pages")
    parser.add_argument("--port", type=int, default=8798)
    parser.add_argument("--datasets", default="all", help="datasets to export, comma-separated, or all")
    parser.add_argument("--formats", default="csv,json", help="formats to export: csv, json or both")
    parser.add_argument("--download", default="wishes,solutions", help="datasets to download over HTTP")
    parser.add_argument("--name", default="bench_opendata", help="the working database's name")
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/12", help="Redis database (emptied)")
    parser.add_argument("--keep", action="store_true", help="keep the working database afterwards")
    parser.add_argument(
        "--steps", default="exports,statistics,downloads", help="which of the steps 1-3 to run, comma-separated"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = child(json.loads(args.child))
        if result is not None:
            print("RESULT=" + json.dumps(result))
        return
    for size in (args.records, args.small):
        if size < 2 or size % 2:
            parser.error("--records and --small must be even numbers: every item comes in two languages")
    args.formats = args.formats.split(",")
    args.download = [slug for slug in args.download.split(",") if slug]
    if set(args.formats) - {"csv", "json"}:
        parser.error(f"unknown formats: {args.formats}")
    args.steps = set(args.steps.split(","))
    if args.steps - {"exports", "statistics", "downloads"}:
        parser.error(f"unknown steps: {sorted(args.steps)}")

    load = "/".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, PostgreSQL on 127.0.0.1; "
        f"load average {load} at the start"
    )
    scratch = Path(tempfile.mkdtemp(prefix="bench-opendata-"))
    try:
        names = run_child(site_env(args, scratch, scratch / "unused"), {"do": "datasets"})
        args.datasets = names if args.datasets == "all" else args.datasets.split(",")
        unknown = set(args.datasets + args.download) - set(names)
        if unknown:
            parser.error(f"unknown datasets {sorted(unknown)}: the datasets are {', '.join(names)}")
        exports = {args.records: {}}
        sizes = [args.small, args.records] if args.small != args.records else [args.records]
        for records in sizes if "exports" in args.steps else [args.records]:
            prepare(args, records, scratch)
            if "exports" in args.steps:
                env = site_env(args, scratch, scratch / f"exports-{records}")
                exports[records] = measure_exports(args, env, records)
        if "exports" in args.steps and args.small != args.records:
            compare_exports(exports[args.small], exports[args.records], args)

        from bench.registration import manage

        env = site_env(args, scratch, scratch / "served")
        manage(env, "collectstatic", "--noinput", "-v0")
        counts = run_child(env, {"do": "queries"}) if "statistics" in args.steps else None
        empty_cache(args.cache)  # a new version for the server: none of its files made yet
        server = Server(env, args.port, 1, scratch / "gunicorn.log")
        try:
            if counts:
                measure_statistics(args, env, counts, server)
            if "downloads" in args.steps:
                measure_downloads(args, server, exports[args.records], scratch)
        finally:
            server.stop()
        if "statistics" in args.steps:
            measure_cached(args, env, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if args.keep:
            print(f"working database {args.name} kept")
        else:
            from bench.search import admin_sql

            admin_sql(f"DROP DATABASE IF EXISTS {args.name} WITH (FORCE)")
        load = "/".join(f"{n:.1f}" for n in os.getloadavg())
        print(f"load average {load} at the end")


if __name__ == "__main__":
    main()
