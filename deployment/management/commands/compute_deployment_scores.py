"""manage.py compute_deployment_scores [--force SLUG | --national] [--method ID] [--edition 2019|2025] [--end YYYY-MM]"""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.job_commands import job_command
from deployment.jobs import DeploymentScores


class Command(BaseCommand):
    help = (
        "Compute deployment scores (the same job the worker runs after imports and on beat): one run per force "
        "with neighbourhoods, or one force, or one national run. A run becomes current only when it completes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--force", metavar="SLUG", help="one police.uk force")
        scope.add_argument("--national", action="store_true", help="one run over every LSOA of the vintage")
        parser.add_argument("--method", type=int, metavar="ID", help="a scoring method id (default: the agreed one)")
        parser.add_argument("--edition", type=int, choices=[2019, 2025], default=2019)
        parser.add_argument("--end", metavar="YYYY-MM", help="last month of the crime window (default: latest)")

    def handle(self, *args: Any, **options: Any) -> None:
        end = options["end"]
        if end is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", end):
            raise CommandError("--end must be a month, YYYY-MM")
        job_command(
            self,
            kind="compute_deployment_scores",
            params=DeploymentScores(
                force=options["force"],
                national=options["national"],
                method=options["method"],
                edition=options["edition"],
                end=end,
            ),
            description="deployment scores",
        )
