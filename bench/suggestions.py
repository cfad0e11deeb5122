"""Matching suggestions on the demo catalogue: how long one wish's suggestions take, and how often the
solution a wish was trialled with is among its top five.

    .venv/bin/python bench/suggestions.py [--database-url URL]

Without --database-url it makes a fresh SQLite database in a temporary folder, migrates it and loads
the demo content (`load_demo_content`), as `make run` does. Then it computes the suggestions of every
live wish (as the worker does when a wish is published), and prints the time per wish (median, 95th
percentile, worst) and the top-five hit rate over the demo's trials. A benchmark: it prints its
figures and does not pass or fail.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-suggestions-")
    url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "innoportal.settings.dev"}
    if not args.database_url:
        for command in (["migrate", "-v0"], ["load_demo_content"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from catalogue.models import Trial, Wish, WishPage
    from matching.suggestions import compute

    wishes = list(Wish.objects.filter(pk__in=WishPage.objects.live().values("item_id")))
    times, top = [], {}
    for wish in wishes:
        start = time.perf_counter()
        top[wish.pk] = [s.solution_id for s in compute(wish)[:5]]
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    trials = list(Trial.objects.all())
    hits = sum(1 for t in trials if t.solution_id in top.get(t.wish_id, []))
    print(f"database: {url.split(':')[0]}; {len(wishes)} live wishes")
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"suggestions per wish: median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, worst {times[-1]:.0f} ms")
    print(f"trialled solution in its wish's top five: {hits} of {len(trials)}")


if __name__ == "__main__":
    main()
