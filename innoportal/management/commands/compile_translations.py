"""Compile locale/*.po to .mo with polib, so no GNU gettext is needed on a fresh machine."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's message catalogues (locale/*/LC_MESSAGES/*.po) without GNU gettext."

    def handle(self, *args, **options):
        for directory in settings.LOCALE_PATHS:
            for po_path in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(mo_path))
                self.stdout.write(
                    f"compiled {po_path.relative_to(settings.BASE_DIR)}: {catalogue.percent_translated()}% translated"
                )
