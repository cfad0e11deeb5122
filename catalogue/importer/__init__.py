"""The one importer of catalogue JSON Lines (docs/catalogue-import.md)."""

from .loader import ImportResult, import_records
from .schema import ImportFileError, Record, parse_lines

__all__ = ["ImportFileError", "ImportResult", "Record", "import_records", "parse_lines"]
