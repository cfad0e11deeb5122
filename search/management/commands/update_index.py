"""`manage.py update_index`: rebuild all search from scratch, the portal's search documents included.

Takes over Wagtail's command of the same name (this app comes first in INSTALLED_APPS): Wagtail's
indexes (admin search) are rebuilt as before, then the search documents and their full-text index.
Both rebuild beside what is live and switch when done, so searches keep answering meanwhile.
"""

import time

from modelsearch.management.commands.rebuild_modelsearch_index import Command as WagtailUpdateIndex

from search import documents
from search.models import SearchDocument


class Command(WagtailUpdateIndex):
    help = "Rebuild Wagtail's search indexes and the portal's search documents from the live pages."

    def handle(self, **options):
        # Wagtail's part leaves the documents out: they are rebuilt from the pages below, not copied.
        fields, SearchDocument.search_fields = SearchDocument.search_fields, []
        try:
            super().handle(**options)
        finally:
            SearchDocument.search_fields = fields
        started = time.perf_counter()
        verbose = options.get("verbosity", 1)
        count = documents.rebuild(progress=self.progress if verbose > 1 else None)
        if verbose:
            self.stdout.write(f"Search documents: {count} in {time.perf_counter() - started:.1f} s")

    def progress(self, done, total):
        self.stdout.write(f"Search documents: items {done}/{total}")
