"""manage.py escalate_queries: escalate queries past 72 hours without a meaningful response (beat runs it too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from core.job_commands import job_command


class Command(BaseCommand):
    help = "Escalate every query past 72 hours without a meaningful response to its team's sergeant."

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(self, kind="queries.escalate", params={}, description="Escalating overdue queries")
