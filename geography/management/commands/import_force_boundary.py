"""manage.py import_force_boundary --force SLUG PATH: a police force's boundary (police.uk KML or ONS GeoJSON)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.job_commands import job_command
from geography.jobs import ForceBoundary


class Command(BaseCommand):
    help = (
        "Import a police force's boundary: police.uk's force KML (<force>.kml, or a .zip of them) or an ONS "
        "Police Force Area GeoJSON (the feature named after the force is taken)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a .kml, .zip, .geojson or .geojson.gz file")
        parser.add_argument("--force", dest="force_slug", required=True, help="police.uk force id, e.g. west-yorkshire")
        parser.add_argument("--force-name", help="the force's name (when the force is new or renamed)")

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(
            self,
            kind="import_force_boundary",
            params=ForceBoundary(
                path=options["path"], force_slug=options["force_slug"], force_name=options["force_name"]
            ),
            description="force boundary",
        )
