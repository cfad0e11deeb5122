"""The checks of bench/stack.py, one function each; each prints its figures and returns a Result."""

import hashlib
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests
from registration import CREATE_INNODAY, latency_line, rush
from stack_tools import (
    APPS,
    DATABASE,
    ROOT,
    SITE,
    Result,
    backends,
    ctl,
    get,
    kill_group,
    log_sizes,
    path_of,
    posts_per_server,
    program_pid,
    publish_in_admin,
    query,
    registrations,
    shell,
    size,
    wait_backend,
    wait_restarted,
    wait_tasks_idle,
    wrk,
)

FIRST_WISH = """
from catalogue.models import WishPage
wish = WishPage.objects.live().public().filter(locale__language_code="en").order_by("pk").first()
print(f"WISH_ID={wish.pk}")
print(f"WISH_URL={wish.url}")
print(f"WISH_TITLE={wish.title}")
"""

PUBLISH_TITLE = """
import time
from catalogue.models import WishPage
wish = WishPage.objects.get(pk=WISH_ID)
wish.title = TITLE
wish.save_revision().publish()
print(f"PUBLISHED_AT={time.time()}")
"""


PURGE_SECONDS = 5  # "at once": the purge is a task of priority 50 (pagecache/proxies.py), run next


def purge(token):
    """1. An edit published in app server 1's admin is served at once through Varnish (purged), and by
    both app servers."""
    result = Result("purge on publish")
    wish = shell(FIRST_WISH)
    url = SITE + path_of(wish["WISH_URL"])
    first, second = get(url), get(url)
    result.figure(
        f"{url}: X-Cache {first.headers.get('X-Cache')} then {second.headers.get('X-Cache')} "
        f"(Age {second.headers.get('Age')})"
    )
    result.expect(second.headers.get("X-Cache") == "hit", "the second load was not a Varnish hit")
    title = f"{wish['WISH_TITLE'].split(' [stack ')[0]} [stack {token}]"
    seen = {}

    def poll():
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and "at" not in seen:
            try:
                answer = get(url, timeout=5)
                if title in answer.text:
                    seen["at"], seen["cache"] = time.time(), answer.headers.get("X-Cache")
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    published_at, message = publish_in_admin(APPS["app1"], wish["WISH_ID"], title)
    result.figure(f"published in the admin of app1 ({APPS['app1']}): {message[:90]}")
    result.expect("has been published" in message, "the admin did not say the page was published")
    poller.join(timeout=max(1.0, published_at + 30 - time.time()))
    if result.expect("at" in seen, "the new title never showed through Varnish within 30 s"):
        delay = seen["at"] - published_at
        result.figure(f"new title through :8080 {delay:.2f} s after Publish was pressed (X-Cache {seen['cache']})")
        result.expect(delay <= PURGE_SECONDS, f"the new title took {delay:.1f} s (over {PURGE_SECONDS} s)")
        result.summary = f"seen after {delay:.2f} s"
    for name, base in APPS.items():
        answer = get(base + path_of(wish["WISH_URL"]), headers={"X-Forwarded-For": "192.0.2.1"})
        shown = title in answer.text
        result.figure(f"GET {base} directly: {answer.status_code}, new title {'shown' if shown else 'MISSING'}")
        result.expect(shown, f"{name} still serves the old title")
    # Put the demo title back (purged again), so that runs do not pile up suffixes.
    shell(PUBLISH_TITLE.replace("WISH_ID", wish["WISH_ID"]).replace("TITLE", repr(wish["WISH_TITLE"])))
    return result


def rate_limit(token, attempts=12, limit=10):
    """2. The alerts subscription limit (ALERTS_RATE_LIMIT, 10/600) counts both app servers together."""
    result = Result("rate limit across servers")
    address = f"198.51.{int(token[-4:], 16) % 250}.{int(token[-2:], 16) % 250 + 1}"
    headers = {"X-Forwarded-For": address}  # TRUSTED_PROXY_COUNT=1: the app counts this address
    session = requests.Session()
    outcomes = []
    for attempt in range(1, attempts + 1):
        name = ("app1", "app2")[(attempt - 1) % 2]
        form = session.get(f"{APPS[name]}/en/alerts/", headers=headers, timeout=30)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        data = {
            "csrfmiddlewaretoken": csrf,
            "email": f"ratelimit-{token}-{attempt}@stackbench.example.com",
            "consent": "on",
            "all_categories": "on",
            "frequency": "immediate",
            "language": "en",
            "website": "",
        }
        answer = session.post(f"{APPS[name]}/en/alerts/", data=data, headers=headers, timeout=30, allow_redirects=False)
        refused = "Too many attempts" in answer.text
        outcomes.append((attempt, name, answer.status_code, "refused" if refused else "accepted"))
    line = ", ".join(f"#{n} {name} {status} {what}" for n, name, status, what in outcomes)
    result.figure(f"client {address}, alternating :8001/:8002: {line}")
    accepted = [n for n, _name, status, what in outcomes if what == "accepted" and status == 302]
    refused = [(n, name) for n, name, _status, what in outcomes if what == "refused"]
    result.expect(accepted == list(range(1, limit + 1)), f"accepted attempts {accepted}, expected 1..{limit}")
    result.expect(
        [n for n, _name in refused] == list(range(limit + 1, attempts + 1)),
        f"refused attempts {refused}, expected {limit + 1}..{attempts}",
    )
    result.expect({name for _n, name in refused} == set(APPS), "refusals did not come from both servers")
    result.summary = f"{len(accepted)} accepted, {len(refused)} refused on " + "+".join(sorted({n for _, n in refused}))
    return result


BURST = {"start_within": 120, "finish_within": 180}  # seconds: a thousand people, through one proxy


def make_innoday(slug, seats):
    code = CREATE_INNODAY.replace("SEATS", str(int(seats))).replace("bench-rush", slug)
    code = (
        code.replace("registration rush", f"stack burst {slug}") + '\nprint("EVENT_KEY=" + str(pages["en"].event_key))'
    )
    values = shell(code)
    return SITE + path_of(values["PAGE_URL"]), values["EVENT_KEY"]


def registration_burst(token, people=1000, seats=300):
    """3. A registration burst through Varnish, over both app servers: no overbooking, no errors."""
    result = Result("registration burst")
    slug = f"stack-burst-{token}"
    page_url, event_key = make_innoday(slug, seats)
    get(page_url)  # the page exists on both servers' (shared) cache
    since = log_sizes()
    print(f"  {people} people register at {page_url} ({seats} seats)", flush=True)
    crowd, wall, _ = rush(page_url, people, **BURST)
    time.sleep(1)  # the access log lines of the last requests
    outcomes = Counter(person.outcome for person in crowd)
    statuses = Counter(registrations(event_key).values())
    posts = posts_per_server(since, f"/en/innodays/register/{event_key}/")  # the form's action
    errors = people - outcomes["registered"]
    result.figure(
        f"confirmed {statuses['confirmed']} of {seats} seats, waitlisted {statuses['waitlisted']}, errors {errors}"
    )
    result.figure(
        f"wall {wall:.1f} s, throughput {outcomes['registered'] / wall:.1f} registrations/s, {latency_line(crowd)}"
    )
    result.figure(f"POSTs served: app1 {posts['app1']}, app2 {posts['app2']} (var/log/app*.log)")
    for person in [p for p in crowd if p.outcome != "registered"][:5]:
        result.figure(f"error sample: person {person.number}: {' '.join(person.detail.split())[:150]}")
    result.expect(statuses["confirmed"] == seats, f"confirmed {statuses['confirmed']} != seats {seats}")
    result.expect(errors == 0, f"{errors} errors")
    result.expect(all(posts.values()), "one app server served no POST")
    result.summary = (
        f"{statuses['confirmed']}/{seats} confirmed, {errors} errors, {outcomes['registered'] / wall:.0f} reg/s"
    )
    return result


def burst_with_kill(token, people=1000, seats=300):
    """4. app1 killed (kill -9 of its process group) 1 s into a burst: no confirmed registration lost."""
    result = Result("app server killed mid-burst")
    slug = f"stack-kill-{token}"
    page_url, event_key = make_innoday(slug, seats)
    get(page_url)
    since = log_sizes()
    old_pid = program_pid("app1")
    print(
        f"  {people} people register at {page_url} ({seats} seats); app1 (pid {old_pid}) killed after 1 s", flush=True
    )
    crowd, wall, (killed_pid, at) = rush(page_url, people, during=lambda: kill_group("app1"), **BURST)
    restarted = wait_restarted("app1", killed_pid)
    time.sleep(1)
    outcomes = Counter(person.outcome for person in crowd)
    rows = registrations(event_key)
    statuses = Counter(rows.values())
    told = ("registered", "already registered")  # the second: a POST Varnish sent again to app2
    registered = {f"person{p.number}@bench.example.com" for p in crowd if p.outcome in told}
    lost = sorted(registered - set(rows))
    unconfirmed_rows = len(set(rows) - registered)
    posts = posts_per_server(since, f"/en/innodays/register/{event_key}/")  # the form's action
    errors = Counter(
        re.sub(r"\s.*", "", p.detail.replace("POST ", "POST:"))[:40] for p in crowd if p.outcome not in told
    )
    result.figure(f"app1 group {killed_pid} killed {at:.2f} s into the burst; back after restart: {bool(restarted)}")
    result.figure(
        f"registered (302) {outcomes['registered']}, told they were registered already (a POST sent again) "
        f"{outcomes['already registered']}, errors {sum(errors.values())}: {dict(errors) or 'none'}"
    )
    result.figure(f"rows: confirmed {statuses['confirmed']} of {seats} seats, waitlisted {statuses['waitlisted']}")
    result.figure(
        f"302 without a row (lost): {len(lost)}; rows without a 302 (in flight when it died): {unconfirmed_rows}"
    )
    result.figure(f"wall {wall:.1f} s, {latency_line(crowd)}")
    result.figure(f"POSTs logged: app1 {posts['app1']} (its log dies with it), app2 {posts['app2']}")
    for person in [p for p in crowd if p.outcome not in told][:5]:
        result.figure(f"error sample: person {person.number}: {' '.join(person.detail.split())[:150]}")
    result.expect(not lost, f"{len(lost)} registrations confirmed to the person are missing: {lost[:5]}")
    result.expect(statuses["confirmed"] <= seats, f"overbooked: {statuses['confirmed']} > {seats}")
    result.expect(posts["app2"] > 0, "app2 served no POST")
    # Requests move to app2: Varnish sends a failed fetch again to it, registrations included.
    result.expect(sum(errors.values()) <= people // 100, f"{sum(errors.values())} errors: over 1% of {people}")
    result.expect(wait_backend("app1", "healthy", 30), "app1 is not healthy in Varnish again")
    result.figure(f"Varnish backends afterwards: {backends()}")
    result.summary = f"{len(lost)} lost, {statuses['confirmed']}/{seats} confirmed, {sum(errors.values())} errors"
    return result


CREATE_ALERT_BATCH = """
from django.utils import timezone
from catalogue.models import Organisation, TechnologyCategory, WishIndexPage, WishPage
from notifications.models import Interest, Subscription

now = timezone.now()
category = TechnologyCategory.objects.filter(locale__language_code="en").order_by("pk").first()
people = Subscription.objects.bulk_create([
    Subscription(email=f"alert-TOKEN-{n}@stackbench.example.com", language="en", frequency="immediate",
                 status="confirmed", confirmed_at=now)
    for n in range(SUBSCRIBERS)
])
Interest.objects.bulk_create([Interest(subscription_id=p.pk, facet="category", value=category.key) for p in people])
index = WishIndexPage.objects.get(locale__language_code="en")
wish = WishPage(
    title="Stack bench wish TOKEN", summary="Alerts under a killed worker.", body="<p>Bench.</p>", live=False
)
wish.set_facts(
    organisation=Organisation.objects.filter(locale__language_code="en").order_by("pk").first(), status="open",
    published_on=timezone.localdate(), categories=[category],
)
index.add_child(instance=wish)
wish.save_revision().publish()
print(f"WISH_ID={wish.pk}")
"""

CATCH_UP = """
from django.test.utils import override_settings
from notifications.tasks import catch_up
with override_settings(ALERTS_CLAIM_TIMEOUT=0):
    print("CAUGHT_UP=" + repr(catch_up.call()))
"""

ALERT_ROWS = """SELECT s.email, a.status FROM notifications_alert a
JOIN notifications_subscription s ON s.id = a.subscription_id
JOIN notifications_announcement n ON n.id = a.announcement_id WHERE n.page_id = %s AND s.email LIKE %s"""


def alerts_with_kill(token, mailbox, subscribers=2000):
    """5. worker killed mid alert batch: every subscriber got exactly one email or is marked."""
    result = Result("worker killed mid-alerts")
    part = f"alert-{token}-"
    result.expect(wait_tasks_idle(), "the task queue did not empty before the batch")
    mailbox.delay = 0.01  # 10 ms per message: a batch long enough to be killed in the middle
    try:
        wish_id = shell(CREATE_ALERT_BATCH.replace("TOKEN", token).replace("SUBSCRIBERS", str(subscribers)))["WISH_ID"]
        started = time.monotonic()
        while mailbox.count(part) < subscribers // 4 and time.monotonic() - started < 120:
            time.sleep(0.05)
        running = query(
            "SELECT worker_ids FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
            " AND task_path LIKE %s AND started_at > now() - interval '5 minutes'",
            ("%deliver_alerts",),
        )
        senders = {worker for (ids,) in running for worker in ids}
        victim = "worker1" if any("worker1" in w for w in senders) or not senders else "worker2"
        received_before = mailbox.count(part)
        pid = kill_group(victim)
        result.figure(
            f"{subscribers} subscribers; {victim} (pid {pid}) killed after {received_before} emails "
            f"({time.monotonic() - started:.1f} s); senders running then: {sorted(senders) or 'none seen'}"
        )
        back = wait_restarted(victim, pid)
        result.figure(f"{victim} restarted by supervisor: {bool(back)}")
        settled, last = time.monotonic(), None
        while time.monotonic() - settled < 4 and time.monotonic() - started < 300:
            rows = query(ALERT_ROWS, (wish_id, part + "%"))
            state = (mailbox.count(part), tuple(sorted(Counter(s for _e, s in rows).items())))
            if state != last or "pending" in dict(state[1]):
                last, settled = state, time.monotonic()
            time.sleep(0.5)
        result.figure(f"after the live sender finished: {mailbox.count(part)} emails, rows {dict(last[1])}")
        # What cron's `manage.py send_alerts` does once ALERTS_CLAIM_TIMEOUT (600 s) has passed, at once.
        result.figure(f"catch-up (send_alerts' catch_up, claim timeout 0): {shell(CATCH_UP)['CAUGHT_UP']}")
        time.sleep(1)
    finally:
        mailbox.delay = 0.0
    rows = dict(query(ALERT_ROWS, (wish_id, part + "%")))
    received = mailbox.received(part)
    statuses = Counter(rows.values())
    twice = [a for a, n in received.items() if n > 1]
    missing = [e for e, s in rows.items() if e not in received and s not in ("unknown", "failed")]
    unmarked = [e for e, s in rows.items() if s not in ("sent", "unknown", "failed")]
    ours = [e for e in rows if e.startswith(part)]
    result.figure(f"alert rows {dict(statuses)}; emails received by {len(received)}, more than once: {len(twice)}")
    result.figure(f"neither received nor marked unknown/failed: {len(missing)}; rows still unsettled: {len(unmarked)}")
    result.expect(len(ours) == subscribers, f"{len(ours)} alert rows for {subscribers} subscribers")
    result.expect(not twice, f"{len(twice)} subscribers got the alert twice")
    result.expect(not missing, f"{len(missing)} subscribers got nothing and are not marked: {missing[:3]}")
    result.expect(not unmarked, f"{len(unmarked)} rows not settled")
    result.summary = f"{len(received)} once, {len(twice)} twice, {statuses['unknown']} unknown, {len(missing)} lost"
    return result


def throughput(seconds=5, connections=8):
    """6. req/s through Varnish: cached pages, and pages the app renders each time, with 1 and 2 app servers."""
    result = Result("requests per second")
    wish = shell(FIRST_WISH)
    cached = {"home": "/en/", "wish": path_of(wish["WISH_URL"]), "wishes index": "/en/wishes/"}
    rendered = {"wish (session cookie)": path_of(wish["WISH_URL"]), "search (session cookie)": "/en/search/?q=chiller"}
    # A session cookie: Varnish passes the request and the app's page cache does not look it up.
    cookie = "Cookie: sessionid=stackbench-no-such-session"
    probe = get(SITE + rendered["wish (session cookie)"], headers={"Cookie": cookie.split(": ", 1)[1]})
    result.figure(
        f"session-cookie request: X-Cache {probe.headers.get('X-Cache')}, app page cache "
        f"{probe.headers.get('X-Page-Cache', 'not used')}"
    )
    table = {}
    for servers in (2, 1):
        if servers == 1:
            ctl("stop", "app2")
            result.expect(wait_backend("app2", "sick", 15), "Varnish did not take app2 out")
        for name, path in cached.items():
            get(SITE + path)
            table[(name, servers)] = wrk(SITE + path, seconds, connections)
        for name, path in rendered.items():
            table[(name, servers)] = wrk(SITE + path, seconds, connections, [cookie])
    ctl("start", "app2")
    result.expect(wait_backend("app2", "healthy", 30), "app2 did not come back")
    result.figure(f"wrk -t2 -c{connections} -d{seconds}s through :8080; req/s (p99 ms) with 2 app servers | with 1")
    for name in [*cached, *rendered]:
        (two, p99_two, bad_two), (one, p99_one, bad_one) = table[(name, 2)], table[(name, 1)]
        kind = "cached  " if name in cached else "rendered"
        bad = f"  non-2xx: {bad_two}|{bad_one}" if bad_two or bad_one else ""
        result.figure(f"{kind} {name:<24} {two:>8.0f} ({p99_two:.0f}) | {one:>8.0f} ({p99_one:.0f}){bad}")
        result.expect(not (bad_two or bad_one), f"{name}: non-2xx answers")
    page = "wish (session cookie)"
    result.summary = (
        f"cached home {table[('home', 2)][0]:.0f} req/s; rendered wish {table[(page, 2)][0]:.0f} (2) vs "
        f"{table[(page, 1)][0]:.0f} (1)"
    )
    return result


MAIN_TABLES = (
    "wagtailcore_page",
    "wagtailcore_revision",
    "catalogue_wishpage",
    "events_innodaypage",
    "events_registration",
    "notifications_subscription",
    "notifications_alert",
    "accounts_user",
    "wagtailimages_image",
    "wagtaildocs_document",
)


def files_digest(folder):
    digests = {}
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digests[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def timed(command):
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=900)
    return time.perf_counter() - started


def backups(token):
    """7. pg_dump and a media tar (deploy/README.md's commands), restored elsewhere and compared."""
    result = Result("backup and restore")
    scratch = Path(tempfile.mkdtemp(prefix="innoportal-stack-backup-"))
    restored_db = f"innoportal_stack_restored_{token}"
    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    dump, tarball = scratch / "innoportal.dump", scratch / "innoportal-media.tar.gz"
    state = ROOT / "var" / "stack"
    try:
        wait_tasks_idle(120)
        counts = {t: query(f"SELECT count(*) FROM {t}")[0][0] for t in MAIN_TABLES}
        dumped = timed(["pg_dump", *pg, "-Fc", "-f", str(dump), DATABASE])
        tarred = timed(["tar", "-C", str(state), "-czf", str(tarball), "media", "private"])
        counts_after = {t: query(f"SELECT count(*) FROM {t}")[0][0] for t in MAIN_TABLES}
        result.figure(
            f"pg_dump -Fc: {size(dump)} in {dumped:.1f} s; tar -czf media private: {size(tarball)} in {tarred:.1f} s"
        )
        timed(["createdb", *pg, restored_db])
        restored = timed(["pg_restore", *pg, "-d", restored_db, "--no-owner", "-j", "2", str(dump)])
        (scratch / "restored").mkdir()
        untarred = timed(["tar", "-C", str(scratch / "restored"), "-xzf", str(tarball)])
        result.figure(f"pg_restore -j 2 into {restored_db}: {restored:.1f} s; tar -xzf: {untarred:.1f} s")
        again = {t: query(f"SELECT count(*) FROM {t}", database=restored_db)[0][0] for t in MAIN_TABLES}
        differ = {t: (counts[t], again[t]) for t in MAIN_TABLES if again[t] not in (counts[t], counts_after[t])}
        result.figure("rows: " + ", ".join(f"{t} {again[t]}" for t in MAIN_TABLES))
        result.expect(not differ, f"row counts differ (live, restored): {differ}")
        files = {name: files_digest(state / name) for name in ("media", "private")}
        back = {name: files_digest(scratch / "restored" / name) for name in ("media", "private")}
        total = sum(len(f) for f in files.values())
        same = all(files[name] == back[name] for name in files)
        result.figure(
            f"media: {total} files ({len(files['media'])} media, {len(files['private'])} private), "
            f"sha256 {'identical' if same else 'DIFFERENT'}"
        )
        result.expect(same, "the restored media differ")
        result.summary = (
            f"dump {size(dump)} {dumped:.1f} s, restore {restored:.1f} s, {total} files identical" if same else "differ"
        )
    finally:
        subprocess.run(["dropdb", *pg, "--if-exists", "--force", restored_db], capture_output=True, timeout=120)
        shutil.rmtree(scratch, ignore_errors=True)
    return result
