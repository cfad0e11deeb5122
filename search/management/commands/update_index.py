"""`manage.py update_index`: rebuild all search from scratch, the portal's search documents included.

Takes over Wagtail's command of the same name (this app comes first in INSTALLED_APPS): Wagtail's
indexes (admin search) are rebuilt as before, then the search documents and their full-text index.
"""

import time

from modelsearch.management.commands.rebuild_modelsearch_index import Command as WagtailUpdateIndex

from search import documents


class Command(WagtailUpdateIndex):
    help = "Rebuild Wagtail's search indexes and the portal's search documents from the live pages."

    def handle(self, **options):
        super().handle(**options)
        started = time.perf_counter()
        count = documents.rebuild()
        if options.get("verbosity", 1):
            self.stdout.write(f"Search documents: {count} in {time.perf_counter() - started:.1f} s")
