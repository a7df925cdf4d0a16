"""The performance snapshot job: store every measure's values for a period (a named Celery task with a Job)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from core.imports import Progress
from core.jobs import Link
from core.models import Job
from core.tasks import job_task
from performance.compute import Period
from performance.forms import PeriodForm


def dashboard_links(job: Job) -> list[Link]:
    return [("Performance framework", reverse("performance:index"))]


@dataclass(frozen=True)
class Snapshot:
    """MONTHS whole calendar months ending with ENDING ("YYYY-MM"; empty: the last whole month)."""

    months: int = 3
    ending: str = ""


def period_of(params: Snapshot, today: dt.date | None = None) -> Period:
    form = PeriodForm({"months": str(params.months), "ending": params.ending})
    if not form.is_valid():
        raise ValueError("; ".join(str(e) for errors in form.errors.values() for e in errors))
    return form.period(today)


@job_task(
    "performance.snapshot", label="Store performance measures for a period", params=Snapshot, links=dashboard_links
)
def run_snapshot(params: Snapshot, *, progress: Progress) -> dict[str, int]:
    from performance.snapshots import snapshots_store

    counts = snapshots_store(period=period_of(params))
    progress(1, 1)
    return counts
