"""/healthz (the process answers) and /readyz (database, cache, search engine and task queue answer),
against real endpoints that do not answer: a closed port, not a mock."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from health import checks
from search.elasticsearch_settings import backend as search_backend
from tests.processes import free_port

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch):
    """Each test starts as a process whose parts were all fine at its last check."""
    monkeypatch.setattr(checks, "_failing_before", set())


def readyz(client):
    response = client.get("/readyz")
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return response.status_code, response.json()


def test_healthz_answers_without_a_query_whatever_the_host_and_scheme(client, django_assert_num_queries):
    # A load balancer probes by address over plain HTTP: no host check, no HTTPS redirect, no database.
    with override_settings(ALLOWED_HOSTS=["portal.example.gov.hk"], SECURE_SSL_REDIRECT=True):
        with django_assert_num_queries(0):
            response = client.get("/healthz", HTTP_HOST="10.0.0.5:8001")
        assert client.get("/en/", HTTP_HOST="portal.example.gov.hk").status_code == 301  # the rest is redirected
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response and "Vary" not in response


def test_readyz_says_every_part_is_ok(client):
    with override_settings(TASKS=DATABASE_QUEUE):
        status, body = readyz(client)
    assert status == 200
    assert body["status"] == "ok" and "failing" not in body
    assert {part: body[part][:2] for part in ("database", "cache", "search", "tasks")} == dict.fromkeys(
        ("database", "cache", "search", "tasks"), "ok"
    )


def test_neither_endpoint_is_kept_by_the_page_cache(client):
    with override_settings(PAGE_CACHE=True):
        for path in ("/healthz", "/readyz", "/healthz", "/readyz"):
            response = client.get(path)
            assert response.status_code == 200 and "X-Page-Cache" not in response
            assert response["Cache-Control"] == "no-store"


def test_a_search_engine_that_does_not_answer_is_named(client):
    engine = search_backend(f"http://127.0.0.1:{free_port()}", engine="opensearch", timeout=1)
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": engine}):
        status, body = readyz(client)
    assert status == 503
    assert body["status"] == "failing" and body["failing"] == ["search"]
    assert body["search"].startswith("failed: ") and body["database"] == "ok" and body["cache"] == "ok"


@pytest.mark.skipif(not os.environ.get("OPENSEARCH_URL"), reason="needs a search engine (OPENSEARCH_URL)")
def test_a_search_engine_without_the_sites_indexes_is_named(client):
    # A new deployment, before `manage.py update_index`: the engine answers, the indexes are not there.
    prefix = f"innoportal_readyz_{free_port()}_"
    engine = search_backend(os.environ["OPENSEARCH_URL"], index_prefix=prefix, engine="opensearch", timeout=2)
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": engine}):
        status, body = readyz(client)
    assert status == 503 and body["failing"] == ["search"]
    assert f"{prefix}wagtailcore_page" in body["search"] and f"{prefix}search_searchdocument" in body["search"]
    assert body["search"].endswith("run manage.py update_index")


def test_a_cache_that_does_not_answer_is_named(client):
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
    }
    with override_settings(CACHES={**settings.CACHES, "default": unreachable}):
        status, body = readyz(client)
    assert status == 503
    assert body["failing"] == ["cache"]
    assert body["cache"] == "failed: ConnectionError"


def test_a_task_queue_no_worker_takes_from_is_named(client):
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", backend_name="default")
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    with override_settings(TASKS=DATABASE_QUEUE, READYZ_TASK_MAX_AGE=900):
        status, body = readyz(client)
        assert status == 503 and body["failing"] == ["tasks"]
        assert "db_worker" in body["tasks"] and "3600 s" in body["tasks"]
        with override_settings(READYZ_TASK_MAX_AGE=0):  # the age check switched off
            status, body = readyz(client)
            assert status == 200 and body["tasks"] == "ok (oldest due 3600 s ago)"


def test_a_failing_part_is_logged_when_it_fails_and_when_it_is_back_not_at_every_probe(client, caplog):
    engine = search_backend(f"http://127.0.0.1:{free_port()}", engine="opensearch", timeout=1)
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": engine}):
        for _ in range(3):
            assert client.get("/readyz").status_code == 503
    assert client.get("/readyz").status_code == 200
    messages = [record.getMessage() for record in caplog.records if record.name.startswith(("health", "django"))]
    assert messages == ["readyz: search is failing", "readyz: search is ok again"]


def test_a_database_that_does_not_answer_is_named():
    """In a process of its own, whose DATABASE_URL points at a closed port."""
    program = (
        "import django, json; django.setup(); from django.test import Client; r = Client().get('/readyz'); "
        "print(json.dumps({'code': r.status_code, **json.loads(r.content)}))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innoportal.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nothing",
        "CACHE_URL": "",
        "OPENSEARCH_URL": "",
        "LOG_LEVEL": "CRITICAL",
    }
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    body = json.loads(result.stdout.strip().splitlines()[-1])
    assert body["code"] == 503
    assert body["failing"] == ["database"]  # the test settings run tasks at once: no queue to ask
    assert body["database"] == "failed: OperationalError" and body["cache"] == "ok"
