"""manage.py performance_snapshot: store every measure's values for a period (the performance.snapshot job)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.job_commands import job_command


class Command(BaseCommand):
    help = "Store every performance measure for every neighbourhood, team and force over a period of whole months."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=3, choices=[1, 3, 6, 12])
        parser.add_argument("--ending", default="", help="The last month, as YYYY-MM (default: last month).")

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(
            self,
            kind="performance.snapshot",
            params={"months": options["months"], "ending": options["ending"]},
            description="Storing performance measures",
        )
