"""Kiosk figures: initial payload in bytes (goal <= 1.5 MB) and JS heap before and after 1,000
rotations in Chromium (goal: growth <= 10%).

    .venv/bin/python bench/kiosk.py [--port 8797]

Starts its own site on a fresh SQLite database with the demo content (var/bench-kiosk.sqlite3),
opens /en/innozone/kiosk/ in headless Chromium (Debian's /usr/bin/chromium) and prints the figures.
"""

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def start_site(port):
    database = ROOT / "var" / "bench-kiosk.sqlite3"
    database.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "innoportal.settings.dev"}
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_content"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the site did not start")


def heap(cdp):
    cdp.send("HeapProfiler.collectGarbage")
    return cdp.send("Runtime.getHeapUsage")["usedSize"]


ROTATE = """async (count) => {
  for (let n = 1; n <= count; n++) {
    window.kiosk.advance();
    if (n % 10 === 0) { window.kiosk.openDetail(); window.kiosk.showAttract(); }
    if (n % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return window.kiosk.state.rotations;
}"""


def measure(port):
    url = f"http://127.0.0.1:{port}/en/innozone/kiosk/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-background-networking"]
        )
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        payload = page.evaluate("""() => {
          const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];
          return entries.map((e) => ({name: e.name, bytes: e.encodedBodySize || 0}));
        }""")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
        time.sleep(2)  # let the service worker finish storing every image
        cached = page.evaluate("""async () => {
          const cache = await caches.open('innozone-kiosk-v1');
          let bytes = 0; const keys = await cache.keys();
          for (const request of keys) bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
          return {entries: keys.length, bytes};
        }""")
        exhibits = page.evaluate("window.kiosk.state.feed.exhibits.length")

        cdp = context.new_cdp_session(page)
        page.evaluate(ROTATE, 50)  # warm up: every code path has run once
        before = heap(cdp)
        started = time.perf_counter()
        rotations = page.evaluate(ROTATE, 1000)
        seconds = time.perf_counter() - started
        after = heap(cdp)
        browser.close()

    total = sum(item["bytes"] for item in payload)
    print(f"kiosk: {url} with {exhibits} exhibits")
    print(f"initial payload: {total:,} bytes in {len(payload)} responses (goal <= 1,500,000)")
    for item in sorted(payload, key=lambda i: -i["bytes"])[:5]:
        print(f"  {item['bytes']:>9,}  {item['name'].replace(f'http://127.0.0.1:{port}', '')}")
    print(f"offline store (service worker): {cached['bytes']:,} bytes in {cached['entries']} responses")
    growth = (after - before) / before * 100
    print(
        f"JS heap after GC: {before:,} bytes before, {after:,} after {rotations - 50:,} rotations "
        f"({growth:+.1f}%; goal <= +10%), {seconds:.1f} s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8797)
    args = parser.parse_args()
    server = start_site(args.port)
    try:
        measure(args.port)
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
