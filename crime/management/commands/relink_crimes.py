"""manage.py relink_crimes [--force SLUG]: link crimes again after boundaries or neighbourhoods change."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from crime.services import crimes_relink


class Command(BaseCommand):
    help = (
        "Link every crime (or one force's) again to its LSOAs and neighbourhood by the one linking rule: the "
        "file's LSOA code in every loaded vintage, else the point; the smallest covering neighbourhood."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", metavar="SLUG", help="only crimes from this police.uk force's files")

    def handle(self, *args: Any, **options: Any) -> None:
        report = crimes_relink(force=options["force"])
        for line in report.lines():
            self.stdout.write(line)
