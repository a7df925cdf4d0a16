"""One error type for every importer: what went wrong, in which file, on which line and in which column.

``column`` is either a field name (a CSV header such as ``'Latitude'``, a JSON property, a command option) or,
for text formats without named fields (JSON, XML), the 1-based character column on the line. The two print
differently ("column 'Latitude'" and "column 17"), so a character position never reads like a field name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from core.imports.report import ImportReport

# Rejected rows listed one by one in a report; the rest are only counted.
MAX_ERRORS_LISTED = 20

Column = str | int | None


def located(text: str, *, path: str | Path | None = None, line: int | None = None, column: Column = None) -> str:
    """TEXT prefixed with where it happened: "file, line 12, column 'Latitude': text"."""
    where = []
    if path:
        where.append(str(path))
    if line is not None:
        where.append(f"line {line}")
    if isinstance(column, int):
        where.append(f"column {column}")
    elif column:
        where.append(f"column '{column}'")
    return f"{', '.join(where)}: {text}" if where else text


class ImportFailed(Exception):
    """A file that cannot be imported; the message is for the user (no traceback).

    ``report`` carries the counts made before the failure as a dict (a failed Job stores it), and
    ``import_report`` the ImportReport itself when there is one (commands print it).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: Column = None,
        report: dict[str, Any] | None = None,
    ):
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.reason = message
        self.report = report
        self.import_report: ImportReport | None = None
        super().__init__(self.describe())

    def describe(self) -> str:
        return located(self.reason, path=self.path, line=self.line, column=self.column)

    def attach(self, report: ImportReport) -> ImportFailed:
        """Carry REPORT (and its dict, for Jobs); returns self so that ``raise exc.attach(report)`` reads."""
        self.import_report = report
        self.report = report.as_dict()
        return self


class RowProblem(Exception):
    """One rejected row: where it is, a short reason (counted in the report) and details."""

    def __init__(self, reason: str, *, line: int | None = None, column: Column = None, detail: str = ""):
        self.reason = reason
        self.line = line
        self.column = column
        self.detail = detail
        super().__init__(self.describe())

    def describe(self) -> str:
        text = f"{self.reason}: {self.detail}" if self.detail else self.reason
        return located(text, line=self.line, column=self.column)


def fail(
    report: ImportReport, message: str, *, path: str | Path, line: int | None = None, column: Column = None
) -> NoReturn:
    """Raise ImportFailed carrying REPORT's counts, so a Job and the command keep them."""
    exc = ImportFailed(message, path=path, line=line, column=column)
    report.errors.append(exc.describe())
    raise exc.attach(report)


def reject(report: ImportReport, problem: RowProblem) -> None:
    """Count PROBLEM under its reason and list the first few in the report."""
    report.rejected[problem.reason] += 1
    if len(report.errors) < MAX_ERRORS_LISTED:
        report.errors.append(problem.describe())


def fail_on_problems(report: ImportReport, problems: list[RowProblem], *, path: str | Path) -> NoReturn:
    """Abort a strict import: name the first problem's place, and list the others in the message."""
    first = problems[0]
    others = "; ".join(p.describe() for p in problems[1:MAX_ERRORS_LISTED])
    total = report.rejected_total
    message = f"{first.reason}{': ' + first.detail if first.detail else ''}"
    message += f" ({total} invalid {'row' if total == 1 else 'rows'}; nothing was imported"
    message += f". Also: {others})" if others else ")"
    exc = ImportFailed(message, path=path, line=first.line, column=first.column)
    report.errors.insert(0, "nothing was imported: the file has invalid rows (use --skip-invalid to import the rest)")
    raise exc.attach(report)
