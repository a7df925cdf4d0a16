"""manage.py import_police_neighbourhoods --force SLUG PATH...: police.uk neighbourhood JSON and KML."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.job_commands import job_command
from geography.jobs import PoliceNeighbourhoods


class Command(BaseCommand):
    help = (
        "Import police.uk neighbourhoods of one force: list, detail and boundary JSON responses, "
        "KML boundaries or a .zip of KMLs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="JSON, .kml or .zip files, or folders of them")
        parser.add_argument("--force", dest="force_slug", required=True, help="police.uk force id, e.g. leicestershire")
        parser.add_argument("--force-name", help="the force's name (when the force is new or renamed)")
        parser.add_argument("--neighbourhood", help="neighbourhood id for a boundary file whose name does not say it")

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(
            self,
            kind="import_police_neighbourhoods",
            params=PoliceNeighbourhoods(
                paths=list(options["paths"]),
                force_slug=options["force_slug"],
                force_name=options["force_name"],
                neighbourhood=options["neighbourhood"],
            ),
            description="neighbourhood files",
        )
