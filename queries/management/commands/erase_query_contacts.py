"""manage.py erase_query_contacts: erase contact details of closed queries past their force's retention period."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from core.job_commands import job_command


class Command(BaseCommand):
    help = (
        "Erase the sender's contact details, message and location from closed queries past their force's retention "
        "period (the anonymised record and its audit trail stay). The same job runs nightly."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(self, kind="queries.erase", params={}, description="Erasing query contact details")
