"""import_crimes: police.uk street-level CSVs into Crime, one atomic force-month release per file (ADR 0007)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.db import DataError, IntegrityError, connection, transaction

from core.imports import NO_ROWS, ImportFailed, ImportReport, Progress, RowProblem, no_progress
from crime.importer.orm import import_rows_orm
from crime.importer.postgres import import_rows_copy
from crime.importer.replace import replace_rows
from crime.importer.report import CrimeImportReport, CrimeImportRun
from crime.importer.rows import BadBytes, RowParser, iter_rows, locate_bad_bytes, where
from crime.importer.sources import Source, resolve_sources
from crime.linking import GeosLinker, PostgisLinker
from crime.models import CrimeRelease

if TYPE_CHECKING:
    from accounts.models import User

# One crime import or relink at a time per database: the pg_advisory_xact_lock key ("crime" in ASCII).
LOCK_KEY = 0x6372696D65
# core.imports.NO_ROWS first, so every importer's empty file reads alike.
NO_ROWS_WARNING = f"{NO_ROWS}: the file holds no crimes, so nothing was imported and no release recorded"


def use_copy() -> bool:
    """The COPY fast path on PostgreSQL unless settings.NPT_CRIME_IMPORT_METHOD is "orm" (tests force it)."""
    return connection.vendor == "postgresql" and getattr(settings, "NPT_CRIME_IMPORT_METHOD", "auto") != "orm"


def lock_crimes() -> None:
    """Hold the crime lock until the transaction ends (PostgreSQL; SQLite writers are serialised anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


class CrimeImportFailed(ImportFailed):
    """Some files of an import failed; the others were imported. ``reports`` holds every file's report.

    Raised with ``.attach(CrimeImportRun(...))``: ``report`` is then the dict a failed Job keeps (each file's
    report and the failed paths), ``import_report`` the run itself.
    """

    @property
    def reports(self) -> list[ImportReport]:
        run = self.import_report
        return run.reports if isinstance(run, CrimeImportRun) else []


def import_crimes(
    paths: list[str | Path],
    *,
    progress: Progress = no_progress,
    skip_invalid: bool = False,
    actor: User | None = None,
) -> list[ImportReport]:
    """Import police.uk street-level crime files; one report per CSV (zip members count as CSVs).

    PATHS may name .csv or .csv.gz files, folders (searched for *-street.csv[.gz]) and monthly archive
    zips. Each file is one force-month release, imported in its own transaction (ADR 0007): the same file
    again changes nothing; a different file for the same force-month replaces the earlier release. Every
    file is tried. Strict by default: a file with any rejected row is rolled back. When any file failed,
    CrimeImportFailed is raised after the others are done, naming the failed files, with every file's
    report on ``reports`` (a failed file's report carries its errors). With SKIP_INVALID the good rows are
    imported and rejects counted by reason. PROGRESS receives (rows done, rows in all).
    """
    sources = resolve_sources(paths)
    reports: list[ImportReport] = []
    failures: list[ImportFailed] = []
    # Each file's SHA-256 (its release's identity) and row count (progress counts rows) come from one pass
    # over its bytes, on a helper thread while the files are imported: hashlib, file reads and zlib release
    # the GIL, so the pass overlaps the parse instead of delaying it (docs/benchmarks.md, 2026-12-03).
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crime-digest")
    try:
        digests = [pool.submit(_digest, source) for source in sources]
        tally = _Tally(digests, progress)
        for index, source in enumerate(sources):
            try:
                report: ImportReport = import_source(
                    source,
                    sha256=partial(tally.sha256, index),
                    skip_invalid=skip_invalid,
                    progress=partial(tally.at, index),
                    actor=actor,
                )
            except ImportFailed as exc:
                report = _failed_report(source, exc)
                failures.append(exc)
            reports.append(report)
            tally.finished(index)
    finally:
        pool.shutdown(cancel_futures=True)  # an import that stops early does not wait for every file's hash
    if failures:
        raise _failed(failures, reports)
    return reports


def _digest(source: Source) -> tuple[str, int]:
    """``Source.digest``, or ("", 0) for a file that cannot be opened: its import says why, as its own failure."""
    try:
        return source.digest()
    except ImportFailed:
        return "", 0


class _Tally:
    """Progress over all the files, in rows: (rows done, rows in all) once every file is counted.

    The counts come from the digest thread; until all are in, progress within a file is not reported (a
    file's count takes a fraction of its import). Called only from the importing thread, because a Job's
    progress is saved through its database connection.
    """

    def __init__(self, digests: list[Future[tuple[str, int]]], progress: Progress):
        self.digests = digests
        self.progress = progress
        self.total: int | None = None

    def sha256(self, index: int) -> str:
        return self.digests[index].result()[0]

    def _rows_before(self, index: int) -> int:
        return sum(digest.result()[1] for digest in self.digests[:index])

    def _known(self, *, wait: bool) -> int | None:
        if self.total is None and (wait or all(digest.done() for digest in self.digests)):
            self.total = sum(digest.result()[1] for digest in self.digests)
            self.progress(0, self.total)
        return self.total

    def at(self, index: int, position: int) -> None:
        total = self._known(wait=False)
        if total is not None:
            self.progress(self._rows_before(index) + position, total)

    def finished(self, index: int) -> None:
        total = self._known(wait=True)
        self.progress(self._rows_before(index + 1), cast(int, total))


def _failed_report(source: Source, exc: ImportFailed) -> CrimeImportReport:
    """The report of a file that failed: what was read and rejected, and why; nothing of it was written."""
    report = CrimeImportReport(source=source.label, method="copy" if use_copy() else "orm")
    counted = exc.import_report
    if counted is not None:
        report.read = counted.read
        report.rejected.update(counted.rejected)
    report.errors = (counted.errors if counted is not None else []) or [exc.describe()]
    return report


def _failed(failures: list[ImportFailed], reports: list[ImportReport]) -> CrimeImportFailed:
    first = failures[0]
    if len(failures) == 1:
        message = first.reason
    else:
        names = "; ".join(failure.path or "?" for failure in failures)
        message = f"{len(failures)} of {len(reports)} files failed ({names}); the first: {first.describe()}"
    one = len(failures) == 1
    error = CrimeImportFailed(
        message,
        path=first.path if one else None,
        line=first.line if one else None,
        column=first.column if one else None,
    )
    run = CrimeImportRun(source=", ".join(report.source for report in reports), reports=reports)
    run.failed = [failure.path or "?" for failure in failures]
    error.attach(run)
    return error


def import_source(
    source: Source,
    *,
    sha256: Callable[[], str] | None = None,
    skip_invalid: bool = False,
    fast: bool | None = None,
    progress: Callable[[int], None] = lambda rows: None,
    actor: User | None = None,
) -> CrimeImportReport:
    """Import one street CSV, one force-month release, atomically; FAST picks the COPY path for a first
    release (default: ``use_copy()``). SHA256 gives the file's SHA-256 when the caller is computing it
    (``import_crimes`` does, on a helper thread); without it the file is hashed here first.
    PROGRESS receives the number of rows read so far.
    """
    fast = use_copy() if fast is None else fast
    report = CrimeImportReport(source=source.label, method="copy" if fast else "orm")
    identity = source.identity()
    if identity is None:
        return _no_rows(source, report)
    force, month_text = identity
    report.force, report.month = force, month_text
    problems: list[RowProblem] = []
    with transaction.atomic(), source.open() as reader:
        lock_crimes()
        month = _month_date(month_text, source)
        current = CrimeRelease.objects.current().filter(force=force, month=month).first()
        digest = sha256 or (lambda: source.digest()[0])
        # A force-month seen before waits for the hash, so that the same file again is not parsed at all; a
        # first release needs it only when it is saved.
        sha = digest() if current is not None else ""
        if current is not None and current.sha256 == sha:
            # The same bytes: nothing to do (ADR 0007). No row is read, so this is quick.
            report.release = "identical"
            report.read = report.duplicates = current.rows
            report.notes.append(
                f"identical to the release imported {current.imported_at:%Y-%m-%d %H:%M}; nothing changed"
            )
            return report
        release = CrimeRelease.objects.create(
            force=force,
            month=month,
            source_file=source.short_name,
            sha256=sha,
            rows=0,
            imported_by=actor,
            replaces=current,
        )
        parser = RowParser(month=month_text)
        read = [0]
        rows = iter_rows(
            reader.stream,
            label=source.label,
            parser=parser,
            report=report,
            problems=problems,
            tick=lambda count: read.__setitem__(0, count),
        )

        def checkpoint() -> None:
            """Called by the writer between batches, when the database connection is free."""
            if problems and not skip_invalid:
                for _ in rows:  # read on, so the report counts every rejected row
                    pass
                raise _strict_failure(report, problems, source.label)
            # Progress goes out only here: a Job's progress is saved through the same connection.
            progress(read[0])

        try:
            if current is not None:
                report.method, report.release = "replace", "replaced"
                replace_rows(
                    rows,
                    old=current,
                    new=release,
                    linker=_linker(),
                    source_file=source.short_name,
                    report=report,
                    checkpoint=checkpoint,
                )
            elif fast:
                report.release = "new"
                import_rows_copy(
                    rows, source_file=source.short_name, release=release.pk, report=report, checkpoint=checkpoint
                )
            else:
                report.release = "new"
                import_rows_orm(
                    rows,
                    source_file=source.short_name,
                    release=release.pk,
                    linker=_linker(),
                    report=report,
                    checkpoint=checkpoint,
                )
        except BadBytes:
            with source.open() as again:
                raise locate_bad_bytes(again.stream, source.label) from None
        except DataError as exc:  # a value our checks missed: still no traceback for the user
            raise ImportFailed(f"the database refused a value: {exc}".strip(), path=source.label) from exc
        except IntegrityError as exc:  # only if something other than an import added the same crimes meanwhile
            raise ImportFailed(
                f"crimes of this file were added by someone else meanwhile; import it again ({exc})".strip(),
                path=source.label,
            ) from exc
        checkpoint()
        report.duplicates = report.read - report.imported - report.changed - report.unchanged - report.rejected_total
        if report.read == 0:
            transaction.set_rollback(True)
            return _no_rows(source, report, checked=True)
        release.sha256 = sha or digest() or source.digest()[0]
        release.rows = report.read
        release.records = report.imported + report.changed + report.unchanged
        release.added, release.changed, release.removed = report.imported, report.changed, report.removed
        release.save(update_fields=["sha256", "rows", "records", "added", "changed", "removed"])
    if problems:
        report.notes += [f"rejected {where(problem, source.label)}" for problem in problems]
        if report.rejected_total > len(problems):
            report.notes.append(f"... and {report.rejected_total - len(problems)} more rejected rows")
    if report.unlocated:
        report.notes.append(f"{report.unlocated} rows have no coordinates: kept without a location (unlocated)")
    if report.release == "replaced" and current is not None:
        report.notes.append(
            f"replaced the release {current.source_file} imported {current.imported_at:%Y-%m-%d %H:%M}: "
            f"{report.imported} added, {report.changed} changed, {report.removed} removed"
        )
    return report


def _linker() -> GeosLinker | PostgisLinker:
    """The PostGIS backend of the linking rule, unless the portable path is forced (then GEOS, as on SpatiaLite)."""
    return PostgisLinker() if use_copy() else GeosLinker()


def _month_date(text: str, source: Source) -> dt.date:
    try:
        return dt.date(int(text[:4]), int(text[5:7]), 1)
    except ValueError:
        raise ImportFailed(f"expected a month as YYYY-MM, found {text!r}", path=source.label, line=2) from None


def _no_rows(source: Source, report: CrimeImportReport, *, checked: bool = False) -> CrimeImportReport:
    """A header-only or empty file: the header is checked, then a warning, not an error."""
    if not checked:
        with source.open() as reader:
            problems: list[RowProblem] = []
            try:
                found = sum(
                    1
                    for _ in iter_rows(
                        reader.stream,
                        label=source.label,
                        parser=RowParser(),
                        report=report,
                        problems=problems,
                        tick=lambda count: None,
                    )
                )
            except BadBytes:
                with source.open() as again:
                    raise locate_bad_bytes(again.stream, source.label) from None
            if problems:
                raise _strict_failure(report, problems, source.label)
            if found:
                raise ImportFailed(
                    "cannot tell the force and month of this file: name it YYYY-MM-<force>-street.csv",
                    path=source.label,
                )
    report.release = ""
    report.warn(NO_ROWS_WARNING)
    return report


def _strict_failure(report: CrimeImportReport, problems: list[RowProblem], label: str) -> ImportFailed:
    """A strict import's failure at the first rejected row, each listed one in the report's errors.

    Not ``core.imports.fail_on_problems``: a crime file's errors name the file on every row (the command
    prints several files' errors together), and the message counts the rejections by reason.
    """
    first = problems[0]
    reasons = ", ".join(f"{reason}: {count}" for reason, count in sorted(report.rejected.items()))
    more = f" ({report.rejected_total} rows rejected in all: {reasons})" if report.rejected_total > 1 else ""
    failure = ImportFailed(
        f"{first.detail or first.reason}{more}; nothing was imported from this file "
        "(use --skip-invalid to import the valid rows)",
        path=label,
        line=first.line,
        column=first.column,
    )
    report.errors = [where(problem, label) for problem in problems]
    return failure.attach(report)
