"""The "import_crimes" job: the same service as the command, run by a Celery worker with a Job record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.imports import Progress
from core.jobs import register
from crime.importer import import_crimes


@register("import_crimes")
def run_import_crimes(*, progress: Progress, paths: list[str], skip_invalid: bool = False) -> dict[str, Any]:
    """Import the police.uk CSVs at PATHS (one force-month release each, ADR 0007); the result lists each
    file's report and the totals.
    """
    targets: list[str | Path] = list(paths)
    reports = import_crimes(targets, progress=progress, skip_invalid=skip_invalid)
    return {
        "files": [report.as_dict() for report in reports],
        "read": sum(report.read for report in reports),
        "imported": sum(report.imported for report in reports),
        "duplicates": sum(report.duplicates for report in reports),
        "changed": sum(getattr(report, "changed", 0) for report in reports),
        "removed": sum(getattr(report, "removed", 0) for report in reports),
        "rejected": sum(report.rejected_total for report in reports),
    }
