"""Search indexing for bulk imports: one pass at the end instead of one background task per save."""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler


def index_objects(touched):
    """Add or update {model: primary keys} in every search backend that updates automatically."""
    for model, pks in touched.items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)


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
