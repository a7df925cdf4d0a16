"""Long work runs as a Job: a service registered under a kind, run by one thin Celery task.

``job_start(kind=..., params=...)`` creates the Job and queues ``core.tasks.run_job`` on commit; the
task looks the kind up here, runs it with a progress callback that updates the Job, and records the
result or a plain failure message. Management commands call the same services directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from core.imports import ImportFailed
from core.models import Job

# A runner takes the job's params and a progress callback, and returns the result summary.
Runner = Callable[..., dict[str, Any]]
_RUNNERS: dict[str, Runner] = {}


def register(kind: str) -> Callable[[Runner], Runner]:
    """Register RUNNER as the service behind jobs of KIND."""

    def decorator(runner: Runner) -> Runner:
        _RUNNERS[kind] = runner
        return runner

    return decorator


# Kinds queued after a kind succeeds (e.g. profiles snapshot their figures after every import). Feature apps
# register here, so the spine never imports them.
_FOLLOW_UPS: dict[str, list[str]] = {}


def follow_up(*, after: str, kind: str) -> None:
    """Queue a job of KIND (no params) each time a job of kind AFTER succeeds."""
    kinds = _FOLLOW_UPS.setdefault(after, [])
    if kind not in kinds:
        kinds.append(kind)


def runner_for(kind: str) -> Runner:
    try:
        return _RUNNERS[kind]
    except KeyError:
        raise LookupError(f"no job runner registered for kind {kind!r}") from None


def job_start(*, kind: str, params: dict[str, Any], created_by: Any = None) -> Job:
    """Create a queued Job and run it on a worker once the transaction commits."""
    from core.tasks import run_job

    runner_for(kind)  # refuse unknown kinds before anything is written
    job = Job.objects.create(
        kind=kind,
        params=params,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


def job_run(job: Job) -> Job:
    """Run JOB in this process (the task body). Failures are recorded on the Job, not raised."""
    if job.is_finished:
        return job  # idempotent: a redelivered task does not run the work twice
    job.start()
    last = -1

    def progress(done: int, total: int) -> None:
        nonlocal last
        percent = int(done * 100 / total) if total else 0
        if percent != last:
            last = percent
            job.report_progress(percent, f"{done:,} of {total:,}")

    try:
        result = runner_for(job.kind)(progress=progress, **job.params)
    except ImportFailed as exc:
        job.fail(exc.describe(), exc.report or {})
    except Exception as exc:  # a job must always end; the message is kept for the analyst
        job.fail(f"{type(exc).__name__}: {exc}")
        raise
    else:
        job.succeed(result, "Finished")
        for kind in _FOLLOW_UPS.get(job.kind, []):
            job_start(kind=kind, params={}, created_by=job.created_by)
    return job
