"""Long work runs as a Job: one kind per piece of work, typed parameters, one way to run it.

Each app declares its kinds with ``core.tasks.job_task`` (a named Celery task per kind on the ``JobTask`` base)
and registers them here. Everything else goes through this module:

- ``job_start`` creates a queued Job and sends it to a worker once the transaction commits (the web, beat);
- ``job_run`` is the task body: it runs the kind, records the outcome and queues the follow-ups on commit;
- ``core.job_commands.job_command`` runs the same kind in a management command, with a tqdm bar;
- ``jobs_fail_stale`` fails jobs whose process died (no heartbeat), so none stays "running" for ever.

This module never imports ``core.tasks``: the Celery task of a kind is handed to ``register`` (no cycle).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any, Protocol, Union, get_args, get_origin, get_type_hints

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DatabaseError, connections, transaction
from django.db.models import Q
from django.utils import timezone

from core.imports import ImportFailed, Progress
from core.models import Job

logger = logging.getLogger(__name__)


class Outcome(Protocol):
    """What a kind may return instead of a plain dict: ``ImportReport`` is one."""

    def as_dict(self) -> dict[str, Any]: ...

    def lines(self) -> list[str]: ...


Link = tuple[str, str]  # (link text, URL) of something a job changed


class JobClaimed(RuntimeError):
    """The job was claimed by another process between delivery and start (two deliveries of one message)."""


class JobParamsError(ValueError):
    """Parameters that do not fit the kind's dataclass; the message names the parameter."""


@dataclass(frozen=True)
class JobKind:
    """One kind of long work: its typed parameters, the service it runs and how the Jobs page shows it."""

    name: str
    label: str
    params: type[Any]  # a dataclass; the Job stores ``dataclasses.asdict`` of it
    run: Callable[..., dict[str, Any] | Outcome]  # run(params, *, progress) -> result
    task: Any = None  # the kind's Celery task (core.tasks.job_task); None runs it in-process only
    links: Callable[[Job], list[Link]] | None = None  # what a finished job changed
    nightly: bool = False  # idempotent catch-up run by Celery beat (core.tasks.nightly_catch_up)
    web_start: bool = False  # analysts may start it from the Jobs page (its parameters all have defaults)


@dataclass(frozen=True)
class FollowUp:
    kind: str
    params: Callable[[Job], Any] | None = None  # parameters from the finished job; None: the kind's defaults


_KINDS: dict[str, JobKind] = {}
_FOLLOW_UPS: dict[str, list[FollowUp]] = {}


def register(kind: JobKind) -> JobKind:
    if not dataclasses.is_dataclass(kind.params):
        raise TypeError(f"job kind {kind.name!r}: params must be a dataclass")
    _KINDS[kind.name] = kind
    return kind


def kind_for(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"no job kind {name!r} is registered") from None


def kinds() -> list[JobKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.label)


def runner_for(name: str) -> Callable[..., dict[str, Any] | Outcome]:
    return kind_for(name).run


def follow_up(*, after: str, kind: str, params: Callable[[Job], Any] | None = None) -> None:
    """Run a job of KIND each time a job of kind AFTER succeeds.

    The dependant declares this (profiles know they follow imports; geography does not know profiles).
    """
    follow_ups = _FOLLOW_UPS.setdefault(after, [])
    if all(existing.kind != kind for existing in follow_ups):
        follow_ups.append(FollowUp(kind=kind, params=params))


def follow_ups_of(job: Job) -> list[tuple[str, Any]]:
    """The (kind, params) to run now that JOB has succeeded."""
    return [
        (item.kind, item.params(job) if item.params else kind_for(item.kind).params())
        for item in _FOLLOW_UPS.get(job.kind, [])
    ]


# Parameters ---------------------------------------------------------------------------------------------------


def params_parse(kind: JobKind, raw: Any) -> Any:
    """RAW (a dict from JSON or the dataclass itself) as KIND's params dataclass, type-checked."""
    if isinstance(raw, kind.params):
        value = raw
    elif isinstance(raw, Mapping):
        known = {item.name for item in dataclasses.fields(kind.params)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise JobParamsError(f"{kind.name}: unknown parameter {', '.join(unknown)}")
        missing = [
            item.name
            for item in dataclasses.fields(kind.params)
            if item.name not in raw
            and item.default is dataclasses.MISSING
            and item.default_factory is dataclasses.MISSING
        ]
        if missing:
            raise JobParamsError(f"{kind.name}: missing parameter {', '.join(missing)}")
        value = kind.params(**raw)
    else:
        raise JobParamsError(f"{kind.name}: parameters must be a mapping, not {type(raw).__name__}")
    hints = get_type_hints(kind.params)
    for item in dataclasses.fields(kind.params):
        if not _conforms(getattr(value, item.name), hints[item.name]):
            raise JobParamsError(f"{kind.name}: parameter {item.name} must be {hints[item.name]}")
    return value


def _conforms(value: Any, hint: Any) -> bool:
    origin = get_origin(hint)
    if hint is Any:
        return True
    if origin in (Union, types.UnionType):
        return any(_conforms(value, arg) for arg in get_args(hint))
    if hint is type(None):
        return value is None
    if origin in (list, tuple):
        (item,) = get_args(hint)[:1] or (Any,)
        return isinstance(value, list | tuple) and all(_conforms(v, item) for v in value)
    if hint in (int, float):
        return isinstance(value, int | float) and not isinstance(value, bool) and (hint is float or type(value) is int)
    return isinstance(value, hint) if isinstance(hint, type) else True


# Starting and running ----------------------------------------------------------------------------------------


def job_create(
    *,
    kind: str,
    params: Any,
    actor: AbstractBaseUser | None = None,
    origin: str = Job.Origin.WEB,
    parent: Job | None = None,
) -> Job:
    """A queued Job of KIND; refuses an unknown kind or bad parameters before anything is written."""
    job_kind = kind_for(kind)
    typed = params_parse(job_kind, params)
    return Job.objects.create(  # type: ignore[misc]  # the project's user model: core cannot import accounts
        kind=kind,
        params=dataclasses.asdict(typed),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        origin=origin,
        parent=parent,
    )


def job_start(
    *,
    kind: str,
    params: Any,
    actor: AbstractBaseUser | None = None,
    origin: str = Job.Origin.WEB,
    parent: Job | None = None,
) -> Job:
    """Create a queued Job and send it to its kind's Celery task once the transaction commits."""
    job = job_create(kind=kind, params=params, actor=actor, origin=origin, parent=parent)
    task = kind_for(kind).task
    if task is None:
        raise LookupError(f"job kind {kind!r} has no Celery task")
    transaction.on_commit(lambda: task.apply_async(args=[job.pk]))
    return job


def job_rerun(*, job: Job, actor: AbstractBaseUser | None) -> Job:
    """Start a new job of JOB's kind with its parameters (after a failure, or to refresh)."""
    return job_start(kind=job.kind, params=job.params, actor=actor, origin=Job.Origin.WEB)


def job_run(job: Job) -> Job:
    """The task body: run JOB here, unless it has ended or another live process runs it.

    Failures are recorded on the Job; a bad file is not raised (the worker's log is not where users look),
    anything else is, so that Celery records it too. On success the follow-ups are queued on commit.
    """
    job.refresh_from_db()
    if job.is_finished:
        return job  # a redelivered message (acks_late) does not run the work twice
    if job.status == Job.Status.RUNNING:
        # Delivered again while marked running: alive elsewhere, or its process died before the sweep saw it.
        jobs_fail_stale()
        return job
    try:
        job_execute(job)
    except (ImportFailed, JobClaimed):
        return job
    for kind, params in follow_ups_of(job):
        transaction.on_commit(
            partial(job_start, kind=kind, params=params, actor=job.created_by, origin=Job.Origin.FOLLOW_UP, parent=job)
        )
    return job


def job_execute(job: Job, *, progress: Progress | None = None) -> dict[str, Any] | Outcome:
    """Run JOB in this process with a heartbeat; record success or failure, and re-raise failures.

    PROGRESS, when given, is told too (a command's tqdm bar). Callers decide how to show a failure.
    """
    kind = kind_for(job.kind)
    params = params_parse(kind, job.params)
    if not job.start():
        raise JobClaimed(f"job #{job.pk} is no longer queued: another process has it")
    sink = JobProgress(job, also=progress)
    try:
        with _heartbeat(job):
            outcome = kind.run(params, progress=sink)
    except ImportFailed as exc:
        job.fail(exc.describe(), exc.report or {})
        raise
    except BaseException as exc:  # incl. KeyboardInterrupt in a command: a job must always end
        job.fail(f"{type(exc).__name__}: {exc}" if str(exc) else f"Stopped: {type(exc).__name__}")
        raise
    job.succeed(outcome if isinstance(outcome, dict) else outcome.as_dict(), "Finished")
    return outcome


class JobProgress:
    """The one progress sink: ``progress(done, total)`` publishes the Job's live progress and tells ALSO.

    Importers call it per row or batch; the Job is only updated when the whole percent changes.
    """

    def __init__(self, job: Job, *, also: Progress | None = None):
        self.job = job
        self.also = also
        self.percent = -1

    def __call__(self, done: int, total: int) -> None:
        if self.also is not None:
            self.also(done, total)
        percent = int(done * 100 / total) if total else 0
        if percent != self.percent:
            self.percent = percent
            self.job.report_progress(percent, f"{done:,} of {total:,}")


# Heartbeat and stale jobs --------------------------------------------------------------------------------------


def _heartbeat_seconds() -> float:
    return float(getattr(settings, "JOB_HEARTBEAT_SECONDS", 15))


def _stale_after() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "JOB_STALE_SECONDS", 120)))


@contextmanager
def _heartbeat(job: Job) -> Iterator[None]:
    """Write ``heartbeat_at`` every few seconds from a thread with its own connection while the work runs.

    The work holds its own transaction open (an import is atomic), so the heartbeat cannot share it. SKIP
    LOCKED: if a caller's transaction holds the Job row, skip a beat rather than wait on it.
    """
    interval = _heartbeat_seconds()
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(interval):
                try:
                    with transaction.atomic():
                        locked = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).select_for_update(
                            skip_locked=True
                        )
                        Job.objects.filter(pk__in=locked.values("pk")).update(heartbeat_at=timezone.now())
                except DatabaseError:
                    logger.warning("job %s: heartbeat not written", job.pk, exc_info=True)
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=beat, name=f"job-{job.pk}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval)


def jobs_fail_stale() -> list[int]:
    """Fail each running job whose process has not beaten for JOB_STALE_SECONDS; return their ids.

    Run when a worker starts and every minute by beat. Whatever the dead process had not committed was rolled
    back by the database when its connection closed, so "failed" is the truth and a rerun starts clean.
    """
    cutoff = timezone.now() - _stale_after()
    stale = Job.objects.filter(status=Job.Status.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    failed = []
    for job in stale:
        seen = job.heartbeat_at or job.started_at
        assert seen is not None  # the filter above
        message = (
            f"Stopped without finishing: the process running it ended "
            f"(last seen {timezone.localtime(seen):%d %b %Y %H:%M:%S %Z}). "
            "Its unfinished changes were rolled back. Run it again."
        )
        # Only if it is still the same silent run: a job that finished meanwhile keeps its outcome.
        if Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, heartbeat_at=job.heartbeat_at).update(
            status=Job.Status.FAILED, message=message, finished_at=timezone.now()
        ):
            failed.append(job.pk)
            logger.warning("job %s (%s) failed: no heartbeat since %s", job.pk, job.kind, seen)
    return failed


def job_abandon(job_id: int, *, reason: str) -> bool:
    """Fail job JOB_ID if it has not ended (its worker process was lost or hit the hard time limit)."""
    return bool(
        Job.objects.filter(pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).update(
            status=Job.Status.FAILED, message=reason, finished_at=timezone.now()
        )
    )


def jobs_start_nightly() -> list[Job]:
    """Start each nightly kind (idempotent catch-up) unless one is waiting or running already.

    A nightly kind that follows another nightly kind is left to run as its follow-up, after it.
    """
    nightly = {kind.name for kind in _KINDS.values() if kind.nightly}
    followers = {item.kind for after in nightly for item in _FOLLOW_UPS.get(after, [])}
    started = []
    for name in sorted(nightly - followers):
        if Job.objects.filter(kind=name, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).exists():
            continue
        started.append(job_start(kind=name, params={}, origin=Job.Origin.SCHEDULE))
    return started


# What the Jobs page shows --------------------------------------------------------------------------------------


@dataclass
class JobRow:
    """A Job as the Jobs page shows it: its kind's label, who started it and what it changed."""

    job: Job
    label: str
    started_by: str
    links: list[Link] = field(default_factory=list)
    rerunnable: bool = False

    @property
    def params(self) -> list[tuple[str, str]]:
        """The parameters that were given (defaults left unset are not shown)."""
        return [(key, _text(value)) for key, value in self.job.params.items() if value not in (None, False, [], "")]

    @property
    def result(self) -> list[tuple[str, str]]:
        """The result's counts: numbers and text as they are, a breakdown (rejected by reason) as its total."""
        summary = []
        for key, value in self.job.result.items():
            if isinstance(value, dict) and all(isinstance(v, int) for v in value.values()):
                summary.append((key, str(sum(value.values()))))
            elif isinstance(value, int | str) and key != "source":
                summary.append((key, str(value)))
        return summary


def _text(value: Any) -> str:
    return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)


def job_row(job: Job) -> JobRow:
    kind = _KINDS.get(job.kind)
    if job.created_by is not None:
        who = job.created_by.get_full_name() or job.created_by.get_username()  # type: ignore[attr-defined]
        started_by = who if job.origin == Job.Origin.WEB else f"{who} ({job.get_origin_display().lower()})"
    else:
        started_by = job.get_origin_display()
    if job.parent_id is not None:
        started_by = f"Follow-up of job #{job.parent_id}"
    links: list[Link] = []
    if kind is not None and kind.links is not None and job.status == Job.Status.SUCCEEDED:
        links = kind.links(job)
    return JobRow(
        job=job.with_live_progress(),
        label=kind.label if kind else job.kind,
        started_by=started_by,
        links=links,
        rerunnable=kind is not None and kind.task is not None and job.is_finished,
    )
