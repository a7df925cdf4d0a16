"""manage.py notify_plan_reviews: remind sergeants of problem-solving plan reviews due (the nightly job too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from core.job_commands import job_command


class Command(BaseCommand):
    help = "Email each team's sergeant about problem-solving plans whose periodic review is due or overdue."

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(self, kind="problem_solving.reviews_due", params={}, description="Reminding plan reviews due")
