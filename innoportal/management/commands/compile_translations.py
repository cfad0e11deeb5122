"""Compile locale/*.po to .mo with polib, so no GNU gettext is needed on a fresh machine.

A converted language's catalogue (zh_Hans) is made first from its source language's (zh_Hant) by
innoportal.languages: translators keep one Chinese catalogue. The made one is not kept in git.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import to_locale

from innoportal.languages import converted


class Command(BaseCommand):
    help = (
        "Compile the project's message catalogues (locale/*/LC_MESSAGES/*.po) without GNU gettext, after "
        "making the converted languages' catalogues (zh_Hans from zh_Hant)."
    )

    def handle(self, *args, **options):
        for directory in map(Path, settings.LOCALE_PATHS):
            self.make_converted(directory)
            for po_path in sorted(directory.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(mo_path))
                self.stdout.write(
                    f"compiled {po_path.relative_to(settings.BASE_DIR)}: {catalogue.percent_translated()}% translated"
                )

    def make_converted(self, directory):
        for code, conversion in settings.CONVERTED_LANGUAGES.items():
            for source in sorted((directory / to_locale(conversion["from"]) / "LC_MESSAGES").glob("*.po")):
                target = directory / to_locale(code) / "LC_MESSAGES" / source.name
                if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
                    continue
                catalogue = polib.pofile(str(source))
                for entry in catalogue:
                    entry.msgstr = converted(entry.msgstr, code)
                    entry.msgstr_plural = {n: converted(text, code) for n, text in entry.msgstr_plural.items()}
                catalogue.metadata["Language"] = to_locale(code)
                target.parent.mkdir(parents=True, exist_ok=True)
                catalogue.save(str(target))
                self.stdout.write(f"made {target.relative_to(settings.BASE_DIR)} from {source.name} ({code})")
