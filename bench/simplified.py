"""Simplified Chinese by conversion: what it costs a page.

    .venv/bin/python bench/simplified.py [--requests 40]

On the `make run` database (demo content; run `make setup` first), each page is requested through
Django's test client in Traditional (/zh-hant/) and in Simplified (/zh-hans/, the same response
converted by OpenCC), and the median and p95 times compared; then the conversion alone, of each page's
HTML, first without and then with the per-process memo of converted responses.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innoportal.settings.dev")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(client, url, count):
    client.get(url)  # warm: templates, the conversion tables
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings, len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.utils import translation

    from catalogue.models import WishPage
    from innoportal import languages

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    with translation.override("zh-hant"):
        wish = WishPage.objects.live().filter(locale__language_code="zh-hant").first().url.split("/zh-hant/")[1]
    paths = ["", "wishes/", wish, "search/?q=節能"]
    print(
        f"{args.requests} requests per page and language, Django test client, {settings.DATABASES['default']['ENGINE']}"
    )
    for path in paths:
        traditional, size = timed(client, f"/zh-hant/{path}", args.requests)
        simplified, _ = timed(client, f"/zh-hans/{path}", args.requests)
        print(
            f"  /{path or ''}: {size / 1024:.0f} KB; zh-hant median {statistics.median(traditional):.1f} ms "
            f"p95 {percentile(traditional, 0.95):.1f} ms; zh-hans median {statistics.median(simplified):.1f} ms "
            f"p95 {percentile(simplified, 0.95):.1f} ms"
        )
    print("the conversion alone, of each page's HTML:")
    for path in paths:
        html = client.get(f"/zh-hant/{path}").content
        started = time.perf_counter()
        for _ in range(args.requests):
            languages.converted(html.decode(), "zh-hans")
        fresh = (time.perf_counter() - started) * 1000 / args.requests
        memo = languages._Memo()
        memo.convert(html, "utf-8", "zh-hans")
        started = time.perf_counter()
        for _ in range(args.requests):
            memo.convert(html, "utf-8", "zh-hans")
        again = (time.perf_counter() - started) * 1000 / args.requests
        print(f"  /{path}: {len(html) / 1024:.0f} KB converted in {fresh:.2f} ms; from the memo in {again:.3f} ms")


if __name__ == "__main__":
    main()
