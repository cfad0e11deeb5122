"""The reference production stack under stress: purges, shared rate limits, registration bursts, an app
server and a worker killed mid-work, throughput through Varnish, and a backup restored (issue 22).

    make stack && .venv/bin/python bench/stack.py [--only 1,3] [--people 1000] [--seats 300]
                                                  [--subscribers 2000] [--seconds 5]

Runs against the stack of bin/stack on 127.0.0.1 (Varnish :8080, app servers :8001 and :8002, two
db_workers, database innoportal_stack). It first runs `bin/stack up REGISTRATION_RATE_LIMIT=off
EMAIL_URL=smtp://127.0.0.1:2526` (a changed environment restarts the stack), with a real SMTP server
(aiosmtpd, in this process) on 127.0.0.1:2526 that counts every email:
- the registration bursts come through Varnish, so every person is 127.0.0.1 to the app: the per-address
  registration limit is off; check 2 uses the alerts subscription's limit (ALERTS_RATE_LIMIT, 10/600).
1. purge:      a wish's title published (manage.py shell, in the stack's environment) shows through
               Varnish within 30 s (the delay is printed), and on :8002 directly.
2. rate limit: 12 subscriptions to alerts, alternately on :8001 and :8002, from one client address
               (X-Forwarded-For: the app trusts one proxy): 1-10 accepted, 11-12 refused by both.
3. burst:      --people register at once through Varnish for --seats seats: confirmed == seats, 0 errors,
               POSTs in both app servers' access logs (var/log/app*.log).
4. kill app:   the same on a fresh InnoDay, app1's process group killed (kill -9) 1 s in: every person
               answered 302 has a row, confirmed <= seats; errors are printed.
5. kill worker: --subscribers confirmed subscribers, one wish published; the worker sending is killed
               (kill -9 of its group) a quarter of the way; supervisor restarts it; then the catch-up of
               `manage.py send_alerts` (with ALERTS_CLAIM_TIMEOUT 0 instead of waiting 600 s): everyone
               got the alert exactly once, or is marked unknown/failed.
6. req/s:      wrk through :8080 on cached pages and on pages the app renders each time (a session cookie:
               Varnish passes, the page cache does not look up), with two app servers and then one.
7. backups:    pg_dump -Fc and tar of var/stack/media and private (deploy/README.md), restored into a
               scratch database and folder: the same row counts and identical files.
A benchmark: it prints each check as PASSED or FAILED with its figures, and exits 1 if any failed.
The stack keeps running; its demo content gets the InnoDays, subscribers and wish each run makes.
"""

import argparse
import secrets
import sys
import time
import traceback

from aiosmtpd.controller import Controller
from stack_checks import alerts_with_kill, backups, burst_with_kill, purge, rate_limit, registration_burst, throughput
from stack_tools import Mailbox, Result, free, stack

SMTP_PORT = 2526


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="1,2,3,4,5,6,7", help="checks to run, e.g. 1,3")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=300)
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=5, help="wrk's duration per page")
    parser.add_argument("--env", action="append", default=[], help="more NAME=VALUE for bin/stack up")
    args = parser.parse_args()
    token = secrets.token_hex(4)
    chosen = {int(n) for n in args.only.split(",")}
    mailbox = Mailbox()
    if not free(SMTP_PORT):
        raise SystemExit(f"127.0.0.1:{SMTP_PORT} is taken: the stack's SMTP server must be this benchmark's")
    smtp = Controller(mailbox, hostname="127.0.0.1", port=SMTP_PORT)
    smtp.start()
    checks = {
        1: lambda: purge(token),
        2: lambda: rate_limit(token),
        3: lambda: registration_burst(token, args.people, args.seats),
        4: lambda: burst_with_kill(token, args.people, args.seats),
        5: lambda: alerts_with_kill(token, mailbox, args.subscribers),
        6: lambda: throughput(args.seconds),
        7: lambda: backups(token),
    }
    results = []
    try:
        started = time.monotonic()
        settings = ["REGISTRATION_RATE_LIMIT=off", f"EMAIL_URL=smtp://127.0.0.1:{SMTP_PORT}", *args.env]
        print(f"bin/stack up {' '.join(settings)} (run {token})", flush=True)
        stack("up", *settings)
        print(f"stack ready in {time.monotonic() - started:.0f} s", flush=True)
        for number, check in checks.items():
            if number not in chosen:
                continue
            print(f"\n[{number}] {check.__code__.co_names[0]}", flush=True)
            began = time.monotonic()
            try:
                result = check()
            except Exception as error:  # a check that crashed is a failed check; the others still run
                traceback.print_exc()
                result = Result(check.__code__.co_names[0])
                result.expect(False, f"crashed: {type(error).__name__}: {error}")
                result.summary = f"crashed: {type(error).__name__}"
            result.number, result.seconds = number, time.monotonic() - began
            print(
                f"[{number}] {result.name}: {'PASSED' if result.passed else 'FAILED'} ({result.seconds:.0f} s)",
                flush=True,
            )
            results.append(result)
    finally:
        smtp.stop()
    print(f"\n{'#':<2} {'check':<30} {'result':<7} {'time':>5}  figures")
    print("-" * 110)
    for result in results:
        verdict = "PASSED" if result.passed else "FAILED"
        summary = result.summary if result.passed else " ".join("; ".join(result.failures).split())[:120]
        print(f"{result.number:<2} {result.name:<30} {verdict:<7} {result.seconds:>4.0f}s  {summary}")
    sys.exit(0 if all(result.passed for result in results) else 1)


if __name__ == "__main__":
    main()
