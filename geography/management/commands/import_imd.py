"""manage.py import_imd PATH... [--edition 2019|2025]: English Indices of Deprivation CSVs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from geography.importers._cli import run_import
from geography.importers.imd import import_imd


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
        run_import(
            self,
            "IoD rows",
            lambda progress: import_imd(
                options["paths"], edition=options["edition"], skip_invalid=options["skip_invalid"], progress=progress
            ),
        )
