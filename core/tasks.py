"""The Celery side of jobs: a named task per kind on the ``JobTask`` base, and the housekeeping tasks.

Apps declare a kind with ``job_task`` (in their ``jobs.py``); that makes the task ``jobs.<kind>`` and registers
the kind with ``core.jobs``. This module imports ``core.jobs``; ``core.jobs`` never imports it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from celery import Task, shared_task
from celery.signals import worker_ready

from core.jobs import JobKind, Link, Outcome, job_abandon, job_run, jobs_fail_stale, jobs_start_nightly, register
from core.models import Job

logger = logging.getLogger(__name__)


class JobTask(Task):  # type: ignore[misc]
    """Base of every kind's task: the Job record is kept by ``core.jobs.job_run``; this adds delivery rules.

    ``acks_late``: the message is acknowledged when the job has ended, so a worker that dies mid-job does not
    lose it silently; on redelivery ``job_run`` sees the job ended (or stale) and does not run it twice.
    ``reject_on_worker_lost`` stays off: a pool process lost mid-job (OOM, hard time limit) fails the job in
    ``on_failure`` instead of running it again behind the user's back; the user reruns it from the Jobs page.
    """

    acks_late = True
    reject_on_worker_lost = False

    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        # Called in the worker's main process even when the pool process running the job was killed.
        job_id = args[0] if args else kwargs.get("job_id")
        if job_id is not None and job_abandon(
            int(job_id), reason=f"Stopped without finishing: {type(exc).__name__}: {exc}. Run it again."
        ):
            logger.warning("job %s failed with its worker process: %r", job_id, exc)


def _run(job_id: int) -> str:
    """Run Job JOB_ID (the body of every ``jobs.<kind>`` task)."""
    try:
        job = Job.objects.get(pk=job_id)
    except Job.DoesNotExist:
        logger.warning("job %s no longer exists; nothing to run", job_id)
        return "missing"
    return job_run(job).status


def job_task(
    name: str,
    *,
    label: str,
    params: type[Any],
    links: Callable[[Job], list[Link]] | None = None,
    nightly: bool = False,
    web_start: bool = False,
    **task_options: Any,
) -> Callable[[Callable[..., dict[str, Any] | Outcome]], Callable[..., dict[str, Any] | Outcome]]:
    """Declare the job kind NAME, run by the decorated ``run(params, *, progress)``.

    TASK_OPTIONS go to Celery (queue, time_limit, soft_time_limit, rate_limit...), so each kind can have its own.
    """

    def decorator(run: Callable[..., dict[str, Any] | Outcome]) -> Callable[..., dict[str, Any] | Outcome]:
        task = shared_task(base=JobTask, name=f"jobs.{name}", **task_options)(_run)
        register(
            JobKind(
                name=name,
                label=label,
                params=params,
                run=run,
                task=task,
                links=links,
                nightly=nightly,
                web_start=web_start,
            )
        )
        return run

    return decorator


@shared_task(name="core.fail_stale_jobs")
def fail_stale_jobs() -> list[int]:
    """Beat, every minute: fail running jobs whose process stopped beating."""
    return jobs_fail_stale()


@shared_task(name="core.nightly_catch_up")
def nightly_catch_up() -> list[int]:
    """Beat, nightly: the idempotent catch-up kinds (relink crimes, then refresh profile figures)."""
    return [job.pk for job in jobs_start_nightly()]


@worker_ready.connect
def _fail_stale_jobs_on_start(**kwargs: Any) -> None:
    # A worker starting after a crash finds the jobs it (or another dead worker) left running.
    failed = jobs_fail_stale()
    if failed:
        logger.warning("failed %d stale job(s) on worker start: %s", len(failed), failed)
