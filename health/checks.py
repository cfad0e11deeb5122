"""The checks of /readyz, one per part; each returns "ok" (or "ok (…)") or raises."""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Case, F, Min, When
from django.utils import timezone

logger = logging.getLogger(__name__)


class NotReady(Exception):
    """A part answers but is not fit to serve; its message is shown as it is."""


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def cache():
    """The shared cache (Redis in production) stores and gives back a value: rate limits, sessions and
    the page cache live there."""
    store = caches["default"]
    key, value = f"health:readyz:{uuid.uuid4().hex}", str(time.time())
    store.set(key, value, timeout=10)
    try:
        if store.get(key) != value:
            raise NotReady("a value set was not read back")
    finally:
        store.delete(key)
    return "ok"


def search():
    """The search engine's cluster health, with a short timeout, and every index the site searches
    exists (a new deployment has none until `manage.py update_index`, and its searches fail until
    then). The database's own search: nothing to ask beyond the database."""
    from search.backends import uses_elasticsearch

    if not uses_elasticsearch():
        return "ok (the database's own search)"
    from modelsearch.backends import get_search_backend

    backend = get_search_backend("default", TIMEOUT=settings.READYZ_TIMEOUT)
    health = backend.es.cluster.health()
    status = health["status"]
    if status == "red":
        raise NotReady("the cluster's health is red")
    missing = sorted(name for name, index in _indexes(backend).items() if not index.exists())
    if missing:
        raise NotReady(f"no search index {', '.join(missing)}: run manage.py update_index")
    return "ok" if status == "green" else f"ok ({status})"


def _indexes(backend):
    """{name: index} of every index the site's indexed models are kept in."""
    from modelsearch.index import get_indexed_models

    return {index.name: index for index in map(backend.get_index_for_model, get_indexed_models())}


def tasks():
    """The task queue's table answers, and the oldest task due has not waited longer than
    READYZ_TASK_MAX_AGE seconds (no db_worker has taken anything for that long): 0 turns that off."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return f"ok ({backend.rsplit('.', 1)[-1]})"
    from django_tasks_db.models import DBTaskResult, get_date_max

    due = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min(due))["oldest"]
    waited = (timezone.now() - oldest).total_seconds() if oldest else 0
    limit = settings.READYZ_TASK_MAX_AGE
    if limit and waited > limit:
        raise NotReady(f"the oldest task due has waited {waited:.0f} s (over {limit} s): is a db_worker running?")
    return "ok" if not oldest else f"ok (oldest due {waited:.0f} s ago)"


CHECKS = {"database": database, "cache": cache, "search": search, "tasks": tasks}
# What failed at this process's last check: a part is logged when it starts failing and when it is back,
# not at every probe.
_failing_before = set()


def run():
    """{part: "ok…" or "failed: …"}, and the names of the failing parts."""
    results, failing = {}, []
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # any failure of a part is what this reports
            failing.append(name)
            # Our own reasons in full; of anything else the kind only (its message may name hosts or
            # users): the log has it whole.
            reason = str(error) if isinstance(error, NotReady) else type(error).__name__
            results[name] = f"failed: {reason}"
            if name not in _failing_before:
                logger.warning("readyz: %s is failing", name, exc_info=True)
            if name == "database":
                connection.close_if_unusable_or_obsolete()
    for name in _failing_before - set(failing):
        logger.warning("readyz: %s is ok again", name)
    _failing_before.clear()
    _failing_before.update(failing)
    return results, failing
