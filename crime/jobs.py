"""The crime job kinds: importing police.uk CSVs, and linking crimes to neighbourhoods that arrived later."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from core.imports import ImportReport, Progress
from core.jobs import Link, follow_up
from core.models import Job
from core.tasks import job_task
from crime.importer import import_crimes
from crime.services import crimes_relink
from geography.models import Neighbourhood


@dataclass(frozen=True)
class CrimeFiles:
    paths: list[str]
    skip_invalid: bool = False


@dataclass
class CrimeImport:
    """The reports of one import_crimes run: the Job keeps ``as_dict``, the command prints ``lines``."""

    reports: list[ImportReport]

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": [report.as_dict() for report in self.reports],
            "read": sum(report.read for report in self.reports),
            "imported": sum(report.imported for report in self.reports),
            "duplicates": sum(report.duplicates for report in self.reports),
            "changed": sum(getattr(report, "changed", 0) for report in self.reports),
            "removed": sum(getattr(report, "removed", 0) for report in self.reports),
            "rejected": sum(report.rejected_total for report in self.reports),
        }

    def lines(self) -> list[str]:
        totals = self.as_dict()
        files = len(self.reports)
        failed = [report.source for report in self.reports if report.errors]
        return [line for report in self.reports for line in report.lines()] + [
            f"total: {files} file{'s' if files != 1 else ''}, {totals['read']} rows read, "
            f"{totals['imported']} imported, {totals['duplicates']} skipped as duplicates, "
            f"{totals['rejected']} rejected" + (f"; {len(failed)} failed: {', '.join(failed)}" if failed else "")
        ]


def _neighbourhood_list(job: Job) -> list[Link]:
    return [("Neighbourhoods", reverse("geography:neighbourhood-list"))]


@job_task(
    "import_crimes",
    label="Import crimes (police.uk)",
    params=CrimeFiles,
    links=_neighbourhood_list,
    time_limit=3 * 60 * 60,
    soft_time_limit=3 * 60 * 60 - 60,
)
def run_import_crimes(params: CrimeFiles, *, progress: Progress) -> CrimeImport:
    """Import the police.uk CSVs at PATHS; each file commits on its own, so a rerun skips those done."""
    return CrimeImport(import_crimes(list(params.paths), progress=progress, skip_invalid=params.skip_invalid))


@dataclass(frozen=True)
class Relink:
    force: str | None = None  # a police.uk force id; None relinks every crime


def _relinked(job: Job) -> list[Link]:
    """Each neighbourhood that gained crimes (the first ten), else the list."""
    counts = job.result.get("neighbourhoods", {})
    ids = [int(pk) for pk, count in counts.items() if count][:10]
    links = [
        (
            f"{neighbourhood.name}: {counts[str(neighbourhood.pk)]} crimes linked",
            reverse("geography:neighbourhood-detail", args=[neighbourhood.pk]),
        )
        for neighbourhood in Neighbourhood.objects.filter(pk__in=ids).order_by("name")
    ]
    return links or _neighbourhood_list(job)


@job_task(
    "crime.relink", label="Link crimes to neighbourhoods", params=Relink, links=_relinked, nightly=True, web_start=True
)
def run_relink(params: Relink, *, progress: Progress) -> dict[str, Any]:
    """Link every crime again by the one rule (crime.linking) after boundaries, neighbourhoods or LSOAs change.

    One transaction (inside ``crimes_relink``), so a run killed mid-way changes nothing; relinking is idempotent,
    and a crime a shrunken boundary no longer covers loses its neighbourhood.
    """
    report = crimes_relink(force=params.force, progress=progress)
    return {
        **report.as_dict(),
        "crimes_linked": sum(report.gained.values()),
        "neighbourhoods": {str(pk): count for pk, count in report.gained.items()},
    }


# New boundaries or neighbourhoods can hold crimes that were imported before them.
follow_up(after="import_lsoa_boundaries", kind="crime.relink")
follow_up(after="import_police_neighbourhoods", kind="crime.relink")
