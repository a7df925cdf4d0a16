"""The one import report: counts of every row, warnings, and each file's own result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.imports.errors import ImportFailed

NO_ROWS = "no rows"


@dataclass
class FileResult:
    """What happened to one file of an import: it landed (``ok``) or failed, with its counts and message."""

    path: str
    ok: bool
    read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    message: str = ""  # the failure, or a warning such as "no rows"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "read": self.read,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "message": self.message,
        }

    def line(self) -> str:
        if not self.ok:
            return f"  FAILED {self.path}: {self.message}"
        counts = f"{self.read} read, {self.imported} imported, {self.duplicates} duplicates, {self.rejected} rejected"
        return f"  ok     {self.path}: {counts}{'; ' + self.message if self.message else ''}"


@dataclass
class ImportReport:
    """Counts every row: read = imported + duplicates + rejected (+ any skipped reasons listed).

    ``warnings`` are things the user should act on (an empty file: "no rows"); ``notes`` say what was done.
    ``files`` lists each file's result when an import was given several files or a folder.
    """

    source: str
    read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[FileResult] = field(default_factory=list)
    # The failures behind failed ``files`` (core.imports.runner raises them); not part of the dict.
    failures: list[ImportFailed] = field(default_factory=list, repr=False, compare=False)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failed_files

    @property
    def failed_files(self) -> list[FileResult]:
        return [result for result in self.files if not result.ok]

    def add(self, other: ImportReport) -> None:
        """Add OTHER's counts, notes, warnings and errors (a file's report into the whole import's)."""
        self.read += other.read
        self.imported += other.imported
        self.duplicates += other.duplicates
        self.rejected.update(other.rejected)
        self.skipped.update(other.skipped)
        prefix = f"{other.source}: " if other.source != self.source else ""
        self.notes += [prefix + note for note in other.notes]
        self.warnings += [prefix + warning for warning in other.warnings]
        self.errors += other.errors

    def result(self, *, ok: bool = True, message: str = "") -> FileResult:
        """The report of one file, as its entry in a larger import."""
        return FileResult(
            path=self.source,
            ok=ok,
            read=self.read,
            imported=self.imported,
            duplicates=self.duplicates,
            rejected=self.rejected_total,
            message=message or "; ".join(self.warnings),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "read": self.read,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": dict(self.rejected),
            "skipped": dict(self.skipped),
            "notes": self.notes,
            "warnings": self.warnings,
            "errors": self.errors,
            "files": [result.as_dict() for result in self.files],
            "failed_files": [result.path for result in self.failed_files],
        }

    def lines(self) -> list[str]:
        out = [
            f"{self.source}:",
            f"  rows read:            {self.read}",
            f"  imported:             {self.imported}",
            f"  skipped as duplicate: {self.duplicates}",
        ]
        for reason, count in sorted(self.skipped.items()):
            out.append(f"  skipped ({reason}): {count}")
        out.append(f"  rejected:             {self.rejected_total}")
        for reason, count in sorted(self.rejected.items()):
            out.append(f"    {reason}: {count}")
        out += [f"  warning: {warning}" for warning in self.warnings]
        out += [f"  note: {note}" for note in self.notes]
        out += [f"  error: {error}" for error in self.errors]
        if len(self.files) > 1 or self.failed_files:
            failed = len(self.failed_files)
            out.append(f"  files: {len(self.files)}, {len(self.files) - failed} imported, {failed} failed")
            out += [result.line() for result in self.files]
        return out
