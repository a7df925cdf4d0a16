"""Importing several files, or a folder: every file is tried, each atomic on its own, each result reported.

The importer of one file does its own writing inside ``transaction.atomic()``, so a failed file leaves
nothing behind while the files before and after it land. ``raise_if_failed`` then turns any failure into
one ImportFailed that names the failed files and carries the whole report, so commands exit non-zero and
Jobs end failed with every file's counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from core.imports.errors import ImportFailed, located
from core.imports.files import expand_paths
from core.imports.progress import Progress, no_progress
from core.imports.report import ImportReport

ImportOne = Callable[[Path, Progress], ImportReport]


def import_files(
    paths: str | Path | Sequence[str | Path],
    import_one: ImportOne,
    *,
    suffixes: Iterable[str],
    progress: Progress = no_progress,
) -> ImportReport:
    """Run IMPORT_ONE on each file of PATHS (folders expanded to files ending in SUFFIXES).

    Returns the combined report, with one FileResult per file; the caller decides whether a failure
    raises (``raise_if_failed``).
    """
    suffixes = tuple(suffixes)
    files = expand_paths(paths, suffixes=suffixes)
    combined = ImportReport(source=", ".join(str(p) for p in files) or "(no files)")
    if not files:
        raise ImportFailed("no files given").attach(combined)
    for path in files:
        try:
            if path.is_dir():
                raise ImportFailed(f"the folder holds no {', '.join('*' + s for s in suffixes)} files", path=path)
            if not path.exists():
                raise ImportFailed("file not found", path=path)
            report = import_one(path, progress)
        except ImportFailed as exc:
            report = exc.import_report or ImportReport(source=str(path))
            report.source = str(path)
            if exc.describe() not in report.errors:
                report.errors.insert(0, exc.describe())
            # The file is named by its result already; a different path (an archive member) is kept.
            same = exc.path in (None, str(path))
            message = located(exc.reason, line=exc.line, column=exc.column) if same else exc.describe()
            combined.files.append(report.result(ok=False, message=message))
            combined.add(report)
            combined.failures.append(exc)
            continue
        combined.files.append(report.result())
        combined.add(report)
    return combined


def raise_if_failed(report: ImportReport) -> ImportReport:
    """REPORT unchanged when every file landed; else ImportFailed naming the failed files, carrying REPORT.

    With one failed file its own error is raised (file, line and column intact).
    """
    failures = report.failures
    if not failures:
        return report
    if len(failures) == 1:
        raise failures[0].attach(report)
    names = "; ".join(failure.describe() for failure in failures)
    raise ImportFailed(f"{len(failures)} of {len(report.files)} files failed: {names}").attach(report)
