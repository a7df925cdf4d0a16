"""manage.py import_crimes PATH... [--skip-invalid]: police.uk street-level crime CSVs."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from core.imports import ImportFailed, ImportReport
from crime.importer import import_crimes


class Command(BaseCommand):
    help = (
        "Import police.uk street-level crime CSVs: .csv or .csv.gz files, folders of *-street.csv[.gz], or "
        "monthly archive zips. Each file is imported atomically; importing a file again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a CSV, .csv.gz, folder or .zip archive")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows and count the rest as rejected"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stream = getattr(self.stderr, "_out", sys.stderr)
        with tqdm(
            total=0, file=stream, desc="crime CSVs", unit="rows", unit_scale=True, leave=False, dynamic_ncols=True
        ) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            try:
                reports = import_crimes(options["paths"], progress=progress, skip_invalid=options["skip_invalid"])
            except ImportFailed as exc:
                bar.close()
                reports = getattr(exc, "reports", [])
                self._print(reports)
                if reports:
                    self.stdout.write(_total(reports))
                raise CommandError(exc.describe()) from exc
        self._print(reports)
        self.stdout.write(_total(reports))

    def _print(self, reports: list[ImportReport]) -> None:
        for report in reports:
            for line in report.lines():
                self.stdout.write(line)


def _total(reports: list[ImportReport]) -> str:
    files = len(reports)
    read = sum(r.read for r in reports)
    imported = sum(r.imported for r in reports)
    duplicates = sum(r.duplicates for r in reports)
    rejected = sum(r.rejected_total for r in reports)
    failed = [report.source for report in reports if report.errors]
    return (
        f"total: {files} file{'s' if files != 1 else ''}, {read} rows read, {imported} imported, "
        f"{duplicates} skipped as duplicates, {rejected} rejected"
        + (f"; {len(failed)} failed: {', '.join(failed)}" if failed else "")
    )
