"""Search at scale: 100,000 bilingual catalogue records through the importer, then the search service.

    .venv/bin/python bench/search.py [--database sqlite|postgres] [--records 100000] [--seed 1]
                                     [--reuse] [--keep] [--replicate 1] [--name NAME]
                                     [--engine database|opensearch] [--engine-url http://127.0.0.1:9200]

"N records" are N/2 catalogue items (wishes, solutions and trials), each in `en` and in `zh-hant`,
plus the demo catalogue's categories and organisations (98 records, not counted in N). Their text is
composed from the demo catalogue (catalogue/demo/catalogue.jsonl): English from a word chain trained
on its English text, Chinese from its Traditional Chinese phrases, so that some terms are rare and
some common as in real text. Everything is deterministic for a given --seed, and item i is the same
whatever N is (one random stream, items made in order), so `mixed_queries` can draw on the first items.

Databases (the working one is made afresh each run, and dropped at the end unless --keep):
  sqlite    var/bench/search.sqlite3 (or <--name>.sqlite3); the imported state is kept as
            var/bench/search-<N>.sqlite3
  postgres  bench_search (or --name) on 127.0.0.1:5432 (user postgres, trust auth); the imported
            state is kept as the template database bench_search_<N>
The records go through the importer (parse_lines + import_records, what `manage.py import_catalogue`
runs); the kept copy is labelled with N, the seed and the generator version, and --reuse clones it
instead of importing again when the label matches. The JSON Lines file is kept in var/bench/ too.

Search engines: --engine opensearch searches an OpenSearch node (`make search-node`) instead of the
database's full-text index; its indexes are prefixed `bench_` (one copy each, for a single node), so
the development indexes are left alone. The records are imported into the database as before (or
cloned with --reuse), and the index build is the rebuild `manage.py update_index` runs.

A benchmark: it prints figures and does not pass or fail.
"""

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Python puts this script's folder first on sys.path, where this very file would shadow the `search`
# app (INSTALLED_APPS, search.service): the project's root goes there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
from bench.registration import PG  # noqa: E402
from bench.registration import query as run_sql  # noqa: E402
from bench.search_data import generate, mixed_queries  # noqa: E402

VAR = ROOT / "var" / "bench"
DATABASE = "bench_search"
GENERATOR_VERSION = 1  # bump when the generated records change, so that stale kept copies are not reused

__all__ = ["mixed_queries", "measure_search", "postgres_with_records"]


def label(args):
    return f"records={args.records} seed={args.seed} generator={GENERATOR_VERSION}"


# ---- databases: a working database, and a kept copy of its freshly imported state


def admin_sql(statement, params=()):
    """A statement on the server's `postgres` database (bench.registration.query)."""
    return run_sql(statement, params)


class SQLiteCopies:
    def __init__(self, args):
        self.working = VAR / f"{args.name or 'search'}.sqlite3"
        self.kept = VAR / f"search-{args.records}.sqlite3"
        self.label_file = VAR / f"search-{args.records}.label"
        self.url = f"sqlite:///{self.working}"

    def remove_working(self):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.working}{suffix}").unlink(missing_ok=True)

    def fresh(self):
        self.remove_working()

    def kept_label(self):
        return self.label_file.read_text() if self.kept.exists() and self.label_file.exists() else None

    def restore(self):
        self.remove_working()
        shutil.copyfile(self.kept, self.working)

    def keep(self, text):
        # Django's connections are closed by now, so the WAL has been checkpointed into the file.
        shutil.copyfile(self.working, self.kept)
        self.label_file.write_text(text)

    def drop_working(self):
        self.remove_working()

    def describe(self):
        return f"SQLite {self.working} ({self.working.stat().st_size / 1e6:,.0f} MB)"


class PostgresCopies:
    def __init__(self, args):
        self.template = f"{DATABASE}_{args.records}"
        self.name = args.name or DATABASE
        self.url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{self.name}"

    def fresh(self):
        admin_sql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        admin_sql(f"CREATE DATABASE {self.name}")

    def kept_label(self):
        rows = admin_sql(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [self.template]
        )
        return rows[0][0] if rows else None

    def restore(self):
        admin_sql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        # FILE_COPY copies the files as they are: much faster than the default WAL_LOG for a big database.
        admin_sql(f"CREATE DATABASE {self.name} TEMPLATE {self.template} STRATEGY FILE_COPY")

    def keep(self, text):
        admin_sql(f"DROP DATABASE IF EXISTS {self.template} WITH (FORCE)")
        admin_sql(f"CREATE DATABASE {self.template} TEMPLATE {self.name} STRATEGY FILE_COPY")
        admin_sql(f"COMMENT ON DATABASE {self.template} IS %s", [text])

    def drop_working(self):
        admin_sql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")

    def describe(self):
        size = admin_sql("SELECT pg_database_size(%s)", [self.name])[0][0]
        return f"PostgreSQL {self.name} on {PG['host']} ({size / 1e6:,.0f} MB)"


def setup_django(url, args):
    os.environ["DATABASE_URL"] = url
    for name in ("OPENSEARCH_URL", "ELASTICSEARCH_URL"):
        os.environ.pop(name, None)
    if args.engine == "opensearch":
        os.environ |= {"OPENSEARCH_URL": args.engine_url, "SEARCH_INDEX_PREFIX": "bench_", "SEARCH_REPLICAS": "0"}
    os.environ["DJANGO_SETTINGS_MODULE"] = "innoportal.settings.dev"
    import django
    from django.conf import settings

    django.setup()
    # The dev settings have DEBUG on, which would record every query of the import in memory.
    settings.DEBUG = False


def drop_engine_indexes(args):
    """The benchmark's indexes on the engine (`bench_…`), once its working database is gone."""
    if args.engine == "database":
        return
    from modelsearch.backends import get_search_backend

    es = get_search_backend().es
    for name in es.indices.get(index="bench_*"):
        es.indices.delete(index=name)


# ---- the import


def build_schema_and_structure():
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo_content", structure_only=True, stdout=quiet)
    print(f"schema and site structure: {time.perf_counter() - started:.1f} s", flush=True)


def write_records(args):
    """Generate the records into var/bench/search-<N>-<seed>.jsonl, and return its path."""
    path = VAR / f"search-{args.records}-{args.seed}.jsonl"
    counts = {}
    started = time.perf_counter()
    with open(path, "w", encoding="utf-8") as out:
        for record in generate(args.records, args.seed):
            counts[record["kind"]] = counts.get(record["kind"], 0) + 1
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    shown = ", ".join(f"{n:,} {kind}" for kind, n in counts.items())
    print(f"generated {sum(counts.values()):,} records ({shown}) in {time.perf_counter() - started:.1f} s", flush=True)
    return path


class Progress:
    """Prints the import's rate every `every` records: a 100,000-record import takes hours."""

    def __init__(self, total, every=5_000):
        self.total, self.every, self.done = total, every, 0
        self.started = time.perf_counter()

    def __call__(self):
        self.done += 1
        if self.done % self.every == 0 or self.done == self.total:
            seconds = time.perf_counter() - self.started
            print(f"  {self.done:>7,}/{self.total:,} records, {self.done / seconds:,.0f}/s", flush=True)


def import_file(path):
    from catalogue.importer import import_records, parse_lines
    from catalogue.importer.loader import existing_keys

    started = time.perf_counter()
    with open(path, encoding="utf-8") as handle:
        records = parse_lines(handle.readlines(), existing_keys())
    parsed = time.perf_counter()
    result = import_records(records, progress=Progress(len(records)))
    seconds = time.perf_counter() - started
    print(f"import: {len(records):,} records in {seconds:.1f} s = {len(records) / seconds:,.0f} records/s")
    print(f"  parse and validate {parsed - started:.1f} s; write, publish and index {seconds - parsed + started:.1f} s")
    print(f"  {result}", flush=True)


def prepare(args, copies):
    """The working database with the imported records: cloned from the kept copy, or imported now."""
    if args.reuse and copies.kept_label() == label(args):
        started = time.perf_counter()
        copies.restore()
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)  # the kept copy may predate a migration
        print(f"reused the kept import ({label(args)}) in {time.perf_counter() - started:.1f} s", flush=True)
        return
    if args.reuse:
        print(f"no kept import labelled {label(args)}: importing", flush=True)
    copies.fresh()
    build_schema_and_structure()
    import_file(write_records(args))
    from django.db import connections

    connections.close_all()
    started = time.perf_counter()
    copies.keep(label(args))
    print(f"kept the imported database for --reuse in {time.perf_counter() - started:.1f} s", flush=True)


def postgres_with_records(records, seed=1, name=None):
    """For other benchmarks (bench/opendata.py): the PostgreSQL database `name` (bench_search) made afresh
    with `records` imported records, cloned from the kept copy bench_search_<records> (imported, and kept,
    first when there is none with this label). Sets Django up on it in this process, as this script
    does, and returns its PostgresCopies (url, describe(), drop_working())."""
    args = argparse.Namespace(records=records, seed=seed, reuse=True, name=name, engine="database")
    VAR.mkdir(parents=True, exist_ok=True)
    copies = PostgresCopies(args)
    setup_django(copies.url, args)
    prepare(args, copies)
    return copies


# ---- search: the query side plugs in here


def measure_search(args):
    """Index build time and p50/p95/p99 latency of `mixed_queries(args.seed)` through search.service.

    Runs on the working database, right after the import or the clone of the kept one. Each query is
    a dict: query, language ("en" or "zh-hant"), shape (e.g. "english prefix"), kind and category
    (filters, None when unfiltered).
    """
    from collections import defaultdict

    from bench.search_measure import build_index, percentile, replicate, report, time_queries

    count, seconds = build_index()
    if args.replicate > 1:
        count, copy_seconds = replicate(args.replicate)
        print(
            f"replicated the search documents x{args.replicate} to {count:,} in {copy_seconds:.1f} s",
            flush=True,
        )
    queries = mixed_queries(args.seed)
    requests = [(q["query"], q["language"], {f: (q[f],) for f in ("kind", "category") if q.get(f)}) for q in queries]
    timings, totals = time_queries(requests)
    report(print, count, seconds, timings, totals)
    by_shape = defaultdict(list)
    for query, ms in zip(queries, timings, strict=True):
        by_shape[query["shape"]].append(ms)
    for shape, values in sorted(by_shape.items()):
        print(
            f"  {shape:<24} {len(values):>3} queries  "
            f"p50 {percentile(values, 0.5):6.1f} ms  p95 {percentile(values, 0.95):6.1f} ms"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--records", type=int, default=100_000, help="records: half as many items, in en and zh")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="clone the kept import of the same N and seed")
    parser.add_argument("--keep", action="store_true", help="keep the working database afterwards")
    parser.add_argument(
        "--name", help="the working database's name, when another run is using the default (bench_search, search)"
    )
    parser.add_argument(
        "--replicate", type=int, default=1, help="copy the search documents this many times before querying"
    )
    parser.add_argument("--engine", choices=["database", "opensearch"], default="database", help="what searches")
    parser.add_argument("--engine-url", default="http://127.0.0.1:9200", help="the OpenSearch node (make search-node)")
    args = parser.parse_args()
    if args.records < 2 or args.records % 2:
        parser.error("--records must be an even number: every item comes in two languages")

    VAR.mkdir(parents=True, exist_ok=True)
    copies = SQLiteCopies(args) if args.database == "sqlite" else PostgresCopies(args)
    setup_django(copies.url, args)
    searched = f"search on {args.engine} at {args.engine_url}" if args.engine != "database" else "database search"
    python = sys.version.split()[0]
    print(f"machine: {os.cpu_count()} CPUs, Python {python}; {args.database}, {searched}, {label(args)}")
    print(
        f"records: {args.records:,} = {args.records // 2:,} items (wishes, solutions, trials) in en and zh-hant, "
        "plus the demo's 98 category and organisation records",
        flush=True,
    )
    try:
        prepare(args, copies)
        print(copies.describe(), flush=True)
        measure_search(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print("working database kept")
        else:
            copies.drop_working()
            drop_engine_indexes(args)


if __name__ == "__main__":
    main()
