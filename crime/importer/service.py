"""import_crimes: police.uk street-level CSVs into Crime, one atomic, idempotent import per file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import DataError, IntegrityError, connection, transaction

from core.imports import ImportFailed, ImportReport, Progress, no_progress
from crime.importer.orm import import_rows_orm
from crime.importer.postgres import import_rows_copy
from crime.importer.report import CrimeImportReport
from crime.importer.rows import BadBytes, RowParser, iter_rows, locate_bad_bytes
from crime.importer.sources import Source, resolve_sources


def use_copy() -> bool:
    """The COPY fast path on PostgreSQL unless settings.NPT_CRIME_IMPORT_METHOD is "orm" (tests force it)."""
    return connection.vendor == "postgresql" and getattr(settings, "NPT_CRIME_IMPORT_METHOD", "auto") != "orm"


def import_crimes(
    paths: list[str | Path], *, progress: Progress = no_progress, skip_invalid: bool = False
) -> list[ImportReport]:
    """Import police.uk street-level crime files; one report per CSV (zip members count as CSVs).

    PATHS may name .csv or .csv.gz files, folders (searched for *-street.csv[.gz]) and monthly archive
    zips. Each file is imported in its own transaction: re-importing it adds nothing and counts its rows
    as duplicates (ADR 0003). Strict by default: a file with any rejected row is rolled back and
    ImportFailed raised, naming file, line and column; files before it stay imported (listed on the
    exception as ``reports``). With SKIP_INVALID the good rows are imported and rejects counted by reason.
    PROGRESS receives (bytes done, bytes in all).
    """
    sources = resolve_sources(paths)
    total = sum(source.size for source in sources) or 1
    fast = use_copy()
    reports: list[ImportReport] = []
    done = 0
    for source in sources:

        def at(position: int, offset: int = done) -> None:
            progress(offset + position, total)

        try:
            report = import_source(source, skip_invalid=skip_invalid, fast=fast, progress=at)
        except ImportFailed as exc:
            exc.reports = list(reports)  # type: ignore[attr-defined]
            failed = exc.report or {"source": source.label, "errors": [exc.describe()]}
            exc.report = {"files": [r.as_dict() for r in reports], "failed": failed}
            raise
        reports.append(report)
        done += source.size
        progress(done, total)
    return reports


def import_source(
    source: Source,
    *,
    skip_invalid: bool = False,
    fast: bool | None = None,
    progress: Callable[[int], None] = lambda at: None,
) -> CrimeImportReport:
    """Import one street CSV atomically; FAST picks the COPY path (default: ``use_copy()``).

    PROGRESS receives the byte position reached in the source.
    """
    fast = use_copy() if fast is None else fast
    report = CrimeImportReport(source=source.label, method="copy" if fast else "orm")
    problems: list[ImportFailed] = []
    with transaction.atomic(), source.open() as reader:
        parser = RowParser(lsoa21_from=settings.NPT_CRIME_LSOA21_FROM)
        position = [0]
        rows = iter_rows(
            reader.lines,
            label=source.label,
            parser=parser,
            report=report,
            problems=problems,
            tick=lambda: position.__setitem__(0, reader.tell()),
        )

        def checkpoint() -> None:
            """Called by the writer between batches, when the database connection is free."""
            if problems and not skip_invalid:
                for _ in rows:  # read on, so the report counts every rejected row
                    pass
                raise _strict_failure(report, problems)
            # Progress goes out only here: a Job's progress is saved through the same connection.
            progress(position[0])

        write = import_rows_copy if fast else import_rows_orm
        try:
            write(rows, source_file=source.short_name, report=report, checkpoint=checkpoint)
        except BadBytes:
            with source.open() as again:
                raise locate_bad_bytes(again.lines, source.label) from None
        except DataError as exc:  # a value our checks missed: still no traceback for the user
            raise ImportFailed(f"the database refused a value: {exc}".strip(), path=source.label) from exc
        except IntegrityError as exc:  # only if something other than an import added the same crimes meanwhile
            raise ImportFailed(
                f"crimes of this file were added by someone else meanwhile; import it again ({exc})".strip(),
                path=source.label,
            ) from exc
        checkpoint()
    report.duplicates = report.read - report.imported - report.rejected_total
    if problems:
        report.notes += [f"rejected {problem.describe()}" for problem in problems]
        if report.rejected_total > len(problems):
            report.notes.append(f"... and {report.rejected_total - len(problems)} more rejected rows")
    if report.unlocated:
        report.notes.append(f"{report.unlocated} rows have no coordinates: kept without a location (unlocated)")
    return report


def _strict_failure(report: CrimeImportReport, problems: list[ImportFailed]) -> ImportFailed:
    first = problems[0]
    reasons = ", ".join(f"{reason}: {count}" for reason, count in sorted(report.rejected.items()))
    more = f" ({report.rejected_total} rows rejected in all: {reasons})" if report.rejected_total > 1 else ""
    failure = ImportFailed(
        f"{first.reason}{more}; nothing was imported from this file (use --skip-invalid to import the valid rows)",
        path=first.path,
        line=first.line,
        column=first.column,
    )
    report.errors = [problem.describe() for problem in problems]
    failure.report = report.as_dict()
    return failure
