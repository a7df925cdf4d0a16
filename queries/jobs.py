"""Query jobs: the 72-hour escalation (beat, every 15 minutes) and the retention erasure (nightly)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from core.imports import Progress
from core.jobs import Link
from core.models import Job
from core.tasks import job_task
from queries.services import queries_erase_due, queries_escalate_overdue


def queue_links(job: Job) -> list[Link]:
    return [("Query queue", reverse("queries:queue"))]


@dataclass(frozen=True)
class Escalate:
    """Escalate every query past 72 hours without a meaningful response (no parameters)."""


@job_task("queries.escalate", label="Escalate overdue queries", params=Escalate, links=queue_links, web_start=True)
def run_escalate(params: Escalate, *, progress: Progress) -> dict[str, int]:
    escalated = queries_escalate_overdue()
    progress(1, 1)
    return {"escalated": len(escalated)}


@dataclass(frozen=True)
class Erase:
    """Erase the contact details of queries past their force's retention period (no parameters)."""


@job_task("queries.erase", label="Erase query contact details due", params=Erase, links=queue_links, nightly=True)
def run_erase(params: Erase, *, progress: Progress) -> dict[str, int]:
    erased = queries_erase_due()
    progress(1, 1)
    return {"erased": erased}
