"""bench/opendata.py's tools: memory of a process from /proc, the environment and gunicorn server it
measures, downloads over HTTP, and the sanity check of an open data file."""

import csv
import http.client
import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
LANGUAGES = ["en", "zh-hant", "zh-hans", None]  # None: bilingual, as opendata.views offers them
BOM = b"\xef\xbb\xbf"
MB = 1024 * 1024
WORKER_TIMEOUT = 60  # seconds, deploy/gunicorn.conf.py's: a sync worker busy longer is replaced


# ---- memory of a process, from /proc


def proc_status(pid="self"):
    """VmRSS and VmHWM of a process, in bytes."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) * 1024
    return found


def reset_peak(pid="self"):
    """Make VmHWM the current VmRSS (Linux 4.0 and later)."""
    with open(f"/proc/{pid}/clear_refs", "w") as clear:
        clear.write("5")


def children_of(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


# ---- environments, servers


def database_url(name):
    from bench.search import PG

    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"


def pages_module():
    """bench/pages.py, whose serving (production settings, base_env) and wrk run this benchmark reuses."""
    if str(BENCH) not in sys.path:
        sys.path.append(str(BENCH))  # last: for bench/pages.py's own `from registration import …`
    from bench import pages

    return pages


def site_env(args, scratch, files, page_cache="off"):
    env = pages_module().base_env(scratch / "static", args.cache, page_cache)
    for name in ("OPENSEARCH_URL", "ELASTICSEARCH_URL"):  # the database's own search
        env.pop(name, None)
    return env | {
        "DJANGO_SETTINGS_MODULE": "bench.opendata_settings",
        "DATABASE_URL": database_url(args.name),
        "BENCH_OPENDATA_ROOT": str(files),
        "PYTHONPATH": str(ROOT),
        "GUNICORN_CMD_ARGS": f"--timeout {WORKER_TIMEOUT}",
    }


def empty_cache(url):
    import redis

    redis.Redis.from_url(url).flushdb()


class Server:
    def __init__(self, env, port, workers, log_path):
        from bench.registration import start_gunicorn, wait_until_up

        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = start_gunicorn(env, port, workers, 1, self.log)
        self.base = f"http://127.0.0.1:{port}"
        wait_until_up(self.process, self.base + "/en/", log_path)

    def stop(self):
        from bench.registration import stop

        stop(self.process)
        self.log.close()


class Sampler(threading.Thread):
    """The highest VmRSS of a process seen every 10 ms, besides its VmHWM."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.highest, self.done = pid, 0, threading.Event()

    def run(self):
        while not self.done.wait(0.01):
            try:
                self.highest = max(self.highest, proc_status(self.pid)["VmRSS"])
            except OSError:  # the worker was replaced (its timeout)
                return

    def finish(self):
        self.done.set()
        self.join()
        return self.highest


def download(port, path, out, worker):
    """GET path into the file `out`: {first: time to the first byte of the body, total, bytes, status,
    error: why the body ended early or None, before: the worker's RSS before, peak: its peak during}."""
    reset_peak(worker)
    found = {"before": proc_status(worker)["VmRSS"], "bytes": 0, "status": None, "error": None, "first": None}
    found["served"] = "?"
    sampler = Sampler(worker)
    sampler.start()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        found["status"] = response.status
        # A kept file is sent whole (FileResponse: its length known); an export is streamed (chunked).
        found["served"] = "kept" if response.getheader("Content-Length") else "export"
        with open(out, "wb") as handle:
            while chunk := response.read1(256 * 1024):
                found["first"] = found["first"] or time.perf_counter() - started
                found["bytes"] += len(chunk)
                handle.write(chunk)
    except (http.client.HTTPException, OSError) as exc:
        found["error"] = f"{type(exc).__name__} after {time.perf_counter() - started:.1f} s"
    finally:
        found["total"] = time.perf_counter() - started
        connection.close()
        sampled = sampler.finish()
    try:
        found["peak"] = max(proc_status(worker)["VmHWM"], sampled)
    except OSError:
        found["peak"] = sampled
    found["first"] = found["first"] or found["total"]
    return found


# ---- sanity of a file


def check_file(path, file_format, expected):
    """'ok', or what is wrong: the records against `expected`, the cells of each row, the BOM."""
    problems = []
    with open(path, "rb") as handle:
        head = handle.read(3)
    if file_format == "csv":
        if head != BOM:
            problems.append(f"starts with {head!r}, not the BOM")
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            rows = ragged = 0
            for rows, row in enumerate(reader, 1):  # noqa: B007 (rows: how many there were)
                ragged += len(row) != len(header)
        if ragged:
            problems.append(f"{ragged} rows of other than {len(header)} cells")
    else:
        with open(path, encoding="utf-8") as handle:
            rows = len(json.load(handle))
    if rows != expected:
        problems.append(f"{rows:,} records, {expected:,} published")
    return "ok" if not problems else "; ".join(problems)


def file_label(slug, language, file_format):
    return f"{slug}.{language}.{file_format}" if language else f"{slug}.{file_format}"


def time_requests(url, count):
    import requests

    requests.get(url, timeout=300)  # the first request of a worker sets things up
    timings, status, cache = [], None, None
    for _ in range(count):
        started = time.perf_counter()
        response = requests.get(url, timeout=300)
        timings.append(time.perf_counter() - started)
        status, cache = response.status_code, response.headers.get("X-Page-Cache", "none")
    return sorted(timings), status, cache


def wrk(url, seconds, connections):
    """bench/pages.py's run of wrk: requests/s, p99 in ms, non-2xx/3xx answers."""
    return pages_module().load(url, seconds, connections)
