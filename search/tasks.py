"""The background worker's search task, tried again while the search engine is unavailable."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from search import documents
from search.backends import SearchUnavailable

logger = logging.getLogger(__name__)
# Seconds before each new attempt: about two hours in all. After that, `manage.py update_index`.
RETRY_DELAYS = (30, 60, 120, 300, 600, 1800, 3600)


@task()
def update_documents(translation_keys, attempt=0):
    """Bring the search documents of these items (translation keys) up to date with their live pages."""
    try:
        documents.update(translation_keys)
    except SearchUnavailable:
        if attempt >= len(RETRY_DELAYS) or not update_documents.get_backend().supports_defer:
            logger.error("Search engine unavailable: %d items not updated; run update_index", len(translation_keys))
            raise
        delay = RETRY_DELAYS[attempt]
        update_documents.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            translation_keys, attempt + 1
        )
        logger.warning("Search engine unavailable: %d items tried again in %d s", len(translation_keys), delay)
        return f"retry {attempt + 1} in {delay} s"
    return "updated"
