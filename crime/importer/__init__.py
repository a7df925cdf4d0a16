"""The police.uk street-level crime importer (see crime.importer.service.import_crimes)."""

from crime.importer.report import CrimeImportReport
from crime.importer.rows import HEADER
from crime.importer.service import import_crimes, import_source, use_copy

__all__ = ["HEADER", "CrimeImportReport", "import_crimes", "import_source", "use_copy"]
