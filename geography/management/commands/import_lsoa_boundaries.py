"""manage.py import_lsoa_boundaries PATH --vintage 2011|2021: ONS LSOA boundary GeoJSON (plain or .gz)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.job_commands import job_command
from geography.jobs import LsoaBoundaries


class Command(BaseCommand):
    help = "Import ONS LSOA boundaries (GeoJSON, plain or gzip) of one vintage; re-derives spatial membership."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="GeoJSON file (.geojson, .json or .gz)")
        parser.add_argument("--vintage", type=int, choices=[2011, 2021], required=True, help="LSOA vintage")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid features and count the rest as rejected"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(
            self,
            kind="import_lsoa_boundaries",
            params=LsoaBoundaries(
                path=options["path"], vintage=options["vintage"], skip_invalid=options["skip_invalid"]
            ),
            description="LSOA boundaries",
        )
