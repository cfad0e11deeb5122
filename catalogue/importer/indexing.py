"""Indexing for bulk imports: one pass at the end instead of work queued on every save.

A page is saved three times when it is imported (created, revised, published); each save would
otherwise queue its own search-index task and its own reference-index task.
"""

import logging
from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalogue.tasks import update_reference_index

# Rows per query: SQLite builds limit the parameters of one statement (32,766 by default, 999 in
# older ones), and one list for a 100,000-record import would hold every page in memory at once.
CHUNK = 1000
logger = logging.getLogger(__name__)


def chunks(items, size=CHUNK):
    items = sorted(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def index_objects(touched):
    """Add or update {model: primary keys} in every search backend that updates automatically.

    As on a single save, an engine that cannot take them (down) does not fail the import: the error
    is logged, and `manage.py update_index` brings Wagtail's indexes back in step."""
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in touched.items():
        for batch in chunks(pks):
            objects = list(model.get_indexed_objects().filter(pk__in=batch))
            for backend in backends:
                try:
                    backend.add_bulk(model, objects)
                except Exception:
                    if not backend.catch_indexing_errors:
                        raise
                    logger.exception("Could not index %d %s: run update_index", len(objects), model.__name__)


@contextmanager
def bulk_indexing():
    """Within the block, saves of indexed models are collected and indexed together when it ends.

    Used inside the import's transaction: with a database search backend the index rolls back with
    the data; with Elasticsearch a failed commit may leave entries that `update_index` clears.
    """
    touched = defaultdict(set)

    def collect(sender, instance, raw=False, **kwargs):
        if not raw:
            touched[sender].add(instance.pk)

    models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(collect, sender=model, weak=False, dispatch_uid=f"bulk-index-{model._meta.label}")
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid=f"bulk-index-{model._meta.label}")
            post_save.connect(post_save_signal_handler, sender=model)
    index_objects(touched)


@contextmanager
def deferred_reference_index():
    """Within the block, Wagtail's reference index ("Usage") is queued when it ends, one task per
    thousand saved objects, instead of one task per save."""
    touched = defaultdict(set)  # (app label, model name) -> primary keys

    def collect(sender, instance, raw=False, **kwargs):
        if not raw and sender in ReferenceIndex.tracked_models:
            touched[sender._meta.app_label, sender._meta.model_name].add(instance.pk)

    post_save.connect(collect, weak=False, dispatch_uid="deferred-reference-index")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="deferred-reference-index")
    for (app_label, model_name), pks in sorted(touched.items()):
        for batch in chunks(pks):
            update_reference_index.enqueue(app_label, model_name, batch)
