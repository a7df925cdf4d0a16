"""manage.py import_lsoa_boundaries PATH... --vintage 2011|2021 [--force SLUG]: ONS LSOA boundary GeoJSON."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.job_commands import job_command
from geography.jobs import LsoaBoundaries


class Command(BaseCommand):
    help = (
        "Import ONS LSOA boundaries (GeoJSON, plain or gzip) of one vintage; re-derives spatial membership. "
        "Each file is imported on its own; the command fails, naming them, if any file failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="GeoJSON file (.geojson, .json or .gz) or folder")
        parser.add_argument("--vintage", type=int, choices=[2011, 2021], required=True, help="LSOA vintage")
        parser.add_argument(
            "--force",
            dest="force_slug",
            help="keep only the LSOAs lying mostly inside this force's boundary (see import_force_boundary)",
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid features and count the rest as rejected"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(
            self,
            kind="import_lsoa_boundaries",
            params=LsoaBoundaries(
                path=list(options["paths"]),
                vintage=options["vintage"],
                force_slug=options["force_slug"],
                skip_invalid=options["skip_invalid"],
            ),
            description="LSOA boundaries",
        )
