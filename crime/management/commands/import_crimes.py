"""manage.py import_crimes PATH... [--skip-invalid]: police.uk street-level crime CSVs, run as a Job."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.imports import ImportFailed
from core.job_commands import job_command
from crime.jobs import CrimeFiles, CrimeImport


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
        job_command(
            self,
            kind="import_crimes",
            params=CrimeFiles(paths=[str(path) for path in options["paths"]], skip_invalid=options["skip_invalid"]),
            description="crime CSVs",
            on_import_failed=_print_failure,
        )


def _print_failure(command: BaseCommand, exc: ImportFailed) -> None:
    """Every file was tried: print each file's report (a failed file's lists its errors), good ones included."""
    reports = getattr(exc, "reports", [])
    if reports:
        for line in CrimeImport(reports).lines():
            command.stdout.write(line)
    if not reports and isinstance(exc.report, dict):
        for error in exc.report.get("errors", [])[1:]:
            command.stderr.write(f"  also: {error}")
