"""The one task that runs long work; see core.jobs."""

from __future__ import annotations

from celery import shared_task

from core.jobs import job_run
from core.models import Job


@shared_task(name="core.run_job", acks_late=True)
def run_job(job_id: int) -> str:
    job = Job.objects.get(pk=job_id)
    return job_run(job).status
