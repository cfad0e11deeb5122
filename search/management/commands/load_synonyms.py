from pathlib import Path

from django.core.management.base import BaseCommand

from search.models import SynonymSet
from search.synonyms import DATA, load, shipped_sets


class Command(BaseCommand):
    help = (
        "Add the synonym sets of search/data/synonyms.jsonl (or --file) that the database does not have yet; "
        "sets that editors changed are kept. --replace drops every set first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA))
        parser.add_argument("--replace", action="store_true", help="drop every set, editors' too, and load the file")

    def handle(self, *args, file, replace, **options):
        added, skipped = load(SynonymSet, shipped_sets(Path(file)), replace=replace)
        self.stdout.write(f"{added} synonym sets added, {skipped} skipped (a term of theirs is in a set already).")
