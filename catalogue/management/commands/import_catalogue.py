import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.importer import ImportFileError, import_records, parse_lines
from catalogue.importer.loader import existing_keys


class Command(BaseCommand):
    help = "Import catalogue records from a JSON Lines file (see docs/catalogue-import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="UTF-8 JSON Lines file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                lines = handle.readlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        try:
            records = parse_lines(lines, existing_keys())
            with tqdm(total=len(records), unit="record", disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
                result = import_records(records, progress=bar.update)
        except ImportFileError as error:
            for message in error.errors:
                self.stderr.write(message)
            raise CommandError(f"{len(error.errors)} error(s) in {file}: nothing was imported.") from error
        for message in result.held_back:
            self.stdout.write(self.style.WARNING(message))
        self.stdout.write(self.style.SUCCESS(f"{file}: {result}"))
