"""manage.py import_imd PATH... [--edition 2019|2025]: English Indices of Deprivation CSVs, run as a Job."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.job_commands import job_command
from geography.jobs import Deprivation


class Command(BaseCommand):
    help = (
        "Import an IoD2019/IoD2025 CSV: official Files 1, 2, 6 and 7 or the short-name CSVs. "
        "The layout and edition are recognised from the header."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="CSV file (.csv, .csv.gz or a .zip holding one CSV) or folder"
        )
        parser.add_argument(
            "--edition", type=int, choices=[2019, 2025], help="check that the file is of this IoD edition"
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows and count the rest as rejected"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(
            self,
            kind="import_imd",
            params=Deprivation(
                path=list(options["paths"]), edition=options["edition"], skip_invalid=options["skip_invalid"]
            ),
            description="IoD rows",
        )
