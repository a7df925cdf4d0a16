"""Management commands run their work as Jobs: recorded on the Jobs page, with a tqdm bar, follow-ups included.

``job_command`` creates the Job (origin "command line"), runs it in this process through
``core.jobs.job_execute`` (the worker's path too), prints the report, and then runs the follow-ups the kind
declares (relink crimes, refresh profile figures...) in this process, each as its own Job, so that when the
command exits everything it implies has run. A bad file becomes a ``CommandError`` without a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.imports import BarProgress, ImportFailed
from core.jobs import Outcome, follow_ups_of, job_create, job_execute, kind_for
from core.models import Job


def print_rejected(command: BaseCommand, exc: ImportFailed) -> None:
    """The default account of a failed import: the report of what was done (with several files, the good ones
    have landed and are listed), else the counts of rows rejected before it stopped.
    """
    if exc.import_report is not None:
        for line in exc.import_report.lines():
            command.stdout.write(line)
        return
    for reason, count in sorted((exc.report or {}).get("rejected", {}).items()):
        command.stderr.write(f"  rejected ({reason}): {count}")


def job_command(
    command: BaseCommand,
    *,
    kind: str,
    params: Any,
    description: str,
    on_import_failed: Callable[[BaseCommand, ImportFailed], None] = print_rejected,
) -> Job:
    """Run a job of KIND with PARAMS for COMMAND; print its report, then run its follow-ups."""
    stream = getattr(command.stderr, "_out", sys.stderr)
    job = job_create(kind=kind, params=params, origin=Job.Origin.COMMAND)
    command.stderr.write(f"job #{job.pk}: {kind_for(kind).label} (shown on the Jobs page)")
    outcome = _execute(job, stream, description, command, on_import_failed)
    for line in _lines(outcome):
        command.stdout.write(line)
    failures = _follow_ups(command, job, stream)
    if failures:
        raise CommandError(f"the import succeeded but follow-up job(s) failed: {'; '.join(failures)}")
    return job


def _execute(
    job: Job,
    stream: Any,
    description: str,
    command: BaseCommand,
    on_import_failed: Callable[[BaseCommand, ImportFailed], None],
) -> dict[str, Any] | Outcome:
    bar = BarProgress(stream, description)
    try:
        return job_execute(job, progress=bar)
    except ImportFailed as exc:
        bar.close()
        on_import_failed(command, exc)
        raise CommandError(exc.describe()) from exc
    finally:
        bar.close()


def _follow_ups(command: BaseCommand, parent: Job, stream: Any) -> list[str]:
    """Run PARENT's follow-ups here, depth first (relink, then the refresh that follows it); return failures."""
    failures = []
    for kind, params in follow_ups_of(parent):
        label = kind_for(kind).label
        job = job_create(kind=kind, params=params, origin=Job.Origin.FOLLOW_UP, parent=parent)
        bar = BarProgress(stream, label)
        try:
            outcome = job_execute(job, progress=bar)
        except Exception as exc:  # recorded on the Job by job_execute; the command reports it at the end
            failures.append(f"job #{job.pk} {label}: {exc}")
            continue
        finally:
            bar.close()
        summary = ", ".join(f"{key} {value}" for key, value in _summary(outcome).items())
        command.stderr.write(f"job #{job.pk}: {label} (follow-up): {summary or 'done'}")
        failures += _follow_ups(command, job, stream)
    return failures


def _lines(outcome: dict[str, Any] | Outcome) -> list[str]:
    if isinstance(outcome, dict):
        return [f"{key}: {value}" for key, value in outcome.items()]
    return outcome.lines()


def _summary(outcome: dict[str, Any] | Outcome) -> dict[str, Any]:
    data = outcome if isinstance(outcome, dict) else outcome.as_dict()
    return {key: value for key, value in data.items() if isinstance(value, int | str)}
