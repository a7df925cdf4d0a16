"""manage.py crime_coverage [--force SLUG]: the force x month table of loaded police.uk data, gaps flagged."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from crime.coverage import coverage


class Command(BaseCommand):
    help = "Print each force's months of police.uk street-level data with record counts; gaps are flagged."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", metavar="SLUG", help="only this police.uk force")

    def handle(self, *args: Any, **options: Any) -> None:
        table = coverage(forces=[options["force"]] if options["force"] else None)
        if not table:
            self.stdout.write("No police.uk releases are loaded.")
        for force, months in table.items():
            self.stdout.write(f"{force}:")
            for row in months:
                records = "no data" if row.records is None else f"{row.records:,}"
                flag = f"  GAP: {row.note}" if row.gap else ""
                self.stdout.write(f"  {row.month:%Y-%m}  {records:>9}{flag}")
