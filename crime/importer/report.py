"""The crime import report: the shared counts plus the release, link paths and what a replacement did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.imports import ImportReport


@dataclass
class CrimeImportReport(ImportReport):
    """read = imported + changed + unchanged + duplicates + rejected.

    A first release of a force-month only adds (imported); a different later release also changes and
    removes rows (ADR 0007). ``unchanged`` rows were already there as the file has them; ``duplicates`` are
    rows repeated within the file or held by another force-month. The link counts are among the rows
    written, by how their LSOAs were found: by the code in the file, by the point, or not at all.
    """

    method: str = ""  # "copy" (PostgreSQL fast path), "orm" (portable) or "replace"
    release: str = ""  # "new", "identical", "replaced" or "" (nothing imported)
    force: str = ""
    month: str = ""
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    linked_lsoa: int = 0
    lsoa_by_code: int = 0
    lsoa_by_point: int = 0
    linked_neighbourhood: int = 0
    unlocated: int = 0

    def count_link(self, path: str, neighbourhood: bool, unlocated: bool, rows: int = 1) -> None:
        """Count the links of ROWS written rows that share them (PATH: "code", "point" or "none")."""
        if path == "code":
            self.lsoa_by_code += rows
        elif path == "point":
            self.lsoa_by_point += rows
        self.linked_lsoa += rows if path != "none" else 0
        self.linked_neighbourhood += rows if neighbourhood else 0
        self.unlocated += rows if unlocated else 0

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "method": self.method,
            "release": self.release,
            "force": self.force,
            "month": self.month,
            "added": self.imported,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "linked_lsoa": self.linked_lsoa,
            "lsoa_by_code": self.lsoa_by_code,
            "lsoa_by_point": self.lsoa_by_point,
            "linked_neighbourhood": self.linked_neighbourhood,
            "unlocated": self.unlocated,
        }

    def lines(self) -> list[str]:
        out = super().lines()
        at = 4  # after the duplicates line, before skips and rejections
        extra = []
        if self.force:
            extra.append(f"  release: {self.force} {self.month} ({self.release or 'not recorded'})")
        if self.release == "replaced":
            extra += [
                f"  changed:              {self.changed}",
                f"  removed:              {self.removed}",
                f"  unchanged:            {self.unchanged}",
            ]
        extra += [
            f"  linked to an LSOA:    {self.linked_lsoa} (by the file's code {self.lsoa_by_code}, "
            f"by the point {self.lsoa_by_point})",
            f"  linked to a neighbourhood: {self.linked_neighbourhood}",
            f"  unlocated (no coordinates; kept, flagged): {self.unlocated}",
        ]
        out[at:at] = extra
        return out


@dataclass
class CrimeImportRun(ImportReport):
    """One import_crimes call that failed somewhere: every file's report, and the paths that failed.

    ``CrimeImportFailed(...).attach(run)`` carries it; its dict is what a failed Job keeps.
    """

    reports: list[ImportReport] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"files": [report.as_dict() for report in self.reports], "failed": self.failed}
