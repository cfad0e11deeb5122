"""The fonts embedded in PDF reports: Noto Sans CJK, which draws English, Traditional and Simplified
Chinese alike, with each script's own glyph forms (Hong Kong for English and 繁, Mainland for 简).

The font comes from the operating system (Debian: `apt-get install fonts-noto-cjk`), or from the
directory in the environment variable REPORT_FONT_DIR. Without it the site still runs; trial pages
then offer no PDF and `manage.py check` says why.
"""

import os
from functools import cache
from pathlib import Path

from django.core import checks

FAMILY = {"en": "Noto Sans CJK HK", "zh-hant": "Noto Sans CJK HK", "zh-hans": "Noto Sans CJK SC"}
FILES = {"": "NotoSansCJK-Regular.ttc", "B": "NotoSansCJK-Bold.ttc"}  # style: file
SYSTEM_DIRS = (
    "/usr/share/fonts/opentype/noto",  # Debian, Ubuntu
    "/usr/share/fonts/google-noto-sans-cjk-fonts",  # Fedora
    "/usr/share/fonts/noto-cjk",  # Arch
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/Library/Fonts",  # macOS
)


def font_dir():
    """The first directory that holds both files of the family, or None."""
    return _first_with_fonts((os.environ.get("REPORT_FONT_DIR", ""), *SYSTEM_DIRS))


@cache
def _first_with_fonts(candidates):
    """Looked for once per list of places: every trial page asks whether it can offer a PDF."""
    for directory in filter(None, candidates):
        path = Path(directory).expanduser()
        if all((path / name).is_file() for name in FILES.values()):
            return path
    return None


def available():
    return font_dir() is not None


@cache
def _collection_index(path, family):
    """Which font of the collection file is `family` (the files hold JP, KR, SC, TC and HK)."""
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    try:
        for number, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == family:
                return number
    finally:
        collection.close()
    raise LookupError(f"{family} is not in {path}")


def add_fonts(pdf, language):
    """Register the language's family on `pdf` (an fpdf2 document) as "report", regular and bold."""
    directory = font_dir()
    family = FAMILY.get(language, FAMILY["en"])
    for style, name in FILES.items():
        path = directory / name
        pdf.add_font("report", style, str(path), collection_font_number=_collection_index(path, family))


@checks.register()
def report_fonts_check(app_configs, **kwargs):
    if available():
        return []
    return [
        checks.Warning(
            "Noto Sans CJK is not installed: trial pages offer no PDF performance report.",
            hint="Install it (Debian: apt-get install fonts-noto-cjk) or set REPORT_FONT_DIR to a directory "
            "holding NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc.",
            id="catalogue.W001",
        )
    ]
