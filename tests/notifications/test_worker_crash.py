"""The real worker (`manage.py db_worker`) is killed while a mail server is accepting an alert; after the
retry every subscriber has the wish exactly once."""

import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings

from notifications.models import Alert
from tests.notifications.builders import publish_new_wish, subscriber
from tests.notifications.mailserver import MailServer
from tests.processes import database_url

pytestmark = pytest.mark.django_db(transaction=True)
PEOPLE, BATCH, KILLED_AT = 30, 10, 12


def manage(server, *args):
    """manage.py in its own process, as the worker runs in production, on this test's database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innoportal.settings.dev",
        "DATABASE_URL": database_url(),
        "EMAIL_URL": server.url,
        "SECRET_KEY": settings.SECRET_KEY,
        "WAGTAILADMIN_BASE_URL": "http://testserver",
        "ALERTS_BATCH_SIZE": str(BATCH),
        "ALERTS_PARALLEL_SENDERS": "1",
        "ALERTS_CLAIM_TIMEOUT": "0",  # the recovery run may take over at once: the worker is known dead
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_killed_worker_then_retry_sends_every_alert_once(catalogue, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    people = sorted(subscriber(f"p{n:02}@example.hk", categories=["robotics"]).email for n in range(PEOPLE))
    publish_new_wish("W-0600", "Robots for cooling towers")  # queues the fan-out task on commit

    with MailServer() as server:
        worker = {}

        def kill_the_worker(count):
            # The message is stored, but the worker dies before it hears "250": its fate is unknown to it.
            if count == KILLED_AT:
                os.kill(worker["process"].pid, signal.SIGKILL)

        server.mailbox.on_message = kill_the_worker
        worker["process"] = manage(server, "db_worker", "--batch", "--no-reload", "--no-startup-delay")
        output, _ = worker["process"].communicate(timeout=180)
        assert worker["process"].returncode == -signal.SIGKILL, output
        assert len(server.mailbox.received) == KILLED_AT
        assert DBTaskResult.objects.filter(task_path="notifications.tasks.deliver_alerts", status="RUNNING").exists()
        statuses = list(Alert.objects.order_by("pk").values_list("status", flat=True))
        assert statuses.count("sent") == KILLED_AT - 1  # the 12th was never recorded as sent

        server.mailbox.on_message = None
        retry = manage(server, "send_alerts")  # cron's catch-up run, every few minutes in production
        output, _ = retry.communicate(timeout=180)
        assert retry.returncode == 0, output
        assert "18 immediate alert(s) sent, 8 released and 1 marked unknown" in output

    assert server.mailbox.recipients() == people  # everyone once; nobody twice
    assert sorted(Alert.objects.values_list("status", flat=True)) == ["sent"] * (PEOPLE - 1) + ["unknown"]
    subjects = {message["Subject"] for _recipients, message in server.mailbox.received}
    assert subjects == {"New I&T wish: Robots for cooling towers"}
