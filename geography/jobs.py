"""The geography importers as job kinds: run by their Celery task, or in-process by the import commands."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from core.imports import ImportReport, Progress
from core.jobs import Link, follow_up
from core.models import Job
from core.tasks import job_task
from geography.crosswalk import crosswalk_build
from geography.importers.boundaries import import_lsoa_boundaries
from geography.importers.force import import_force_boundary
from geography.importers.imd import import_imd
from geography.importers.police import import_police_neighbourhoods

# Imports can take long on a national file; the default limit (CELERY_TASK_TIME_LIMIT) fits the rest.
IMPORT_TIME_LIMIT = 3 * 60 * 60


def neighbourhood_links(job: Job) -> list[Link]:
    """Imports change what the neighbourhood pages show (boundaries, membership, deprivation)."""
    return [("Neighbourhoods", reverse("geography:neighbourhood-list"))]


@dataclass(frozen=True)
class LsoaBoundaries:
    path: str | list[str]  # a file, a folder, or several of either (each file is atomic on its own)
    vintage: int
    skip_invalid: bool = False
    force_slug: str | None = None  # keep only the LSOAs mostly inside this force's boundary


@job_task(
    "import_lsoa_boundaries",
    label="Import LSOA boundaries",
    params=LsoaBoundaries,
    links=neighbourhood_links,
    time_limit=IMPORT_TIME_LIMIT,
    soft_time_limit=IMPORT_TIME_LIMIT - 60,
)
def run_import_lsoa_boundaries(params: LsoaBoundaries, *, progress: Progress) -> ImportReport:
    """Import one ONS LSOA boundary GeoJSON; an ImportFailed carries the report for the Job."""
    return import_lsoa_boundaries(
        params.path,
        vintage=params.vintage,
        force_slug=params.force_slug,
        skip_invalid=params.skip_invalid,
        progress=progress,
    )


@dataclass(frozen=True)
class Deprivation:
    path: str | list[str]
    edition: int | None = None
    skip_invalid: bool = False


@job_task(
    "import_imd",
    label="Import deprivation (IoD)",
    params=Deprivation,
    links=neighbourhood_links,
    time_limit=IMPORT_TIME_LIMIT,
    soft_time_limit=IMPORT_TIME_LIMIT - 60,
)
def run_import_imd(params: Deprivation, *, progress: Progress) -> ImportReport:
    """Import one Indices of Deprivation CSV."""
    return import_imd(params.path, edition=params.edition, skip_invalid=params.skip_invalid, progress=progress)


@dataclass(frozen=True)
class PoliceNeighbourhoods:
    paths: list[str]
    force_slug: str
    force_name: str | None = None
    neighbourhood: str | None = None


@job_task(
    "import_police_neighbourhoods",
    label="Import police.uk neighbourhoods",
    params=PoliceNeighbourhoods,
    links=neighbourhood_links,
)
def run_import_police_neighbourhoods(params: PoliceNeighbourhoods, *, progress: Progress) -> ImportReport:
    """Import police.uk neighbourhood JSON/KML files for one force."""
    return import_police_neighbourhoods(
        params.paths,
        force_slug=params.force_slug,
        force_name=params.force_name,
        neighbourhood=params.neighbourhood,
        progress=progress,
    )


@dataclass(frozen=True)
class ForceBoundary:
    path: str
    force_slug: str
    force_name: str | None = None


@job_task(
    "import_force_boundary",
    label="Import a force boundary",
    params=ForceBoundary,
    links=neighbourhood_links,
)
def run_import_force_boundary(params: ForceBoundary, *, progress: Progress) -> ImportReport:
    """Import one police force's boundary (police.uk KML or ONS GeoJSON)."""
    return import_force_boundary(
        params.path, force_slug=params.force_slug, force_name=params.force_name, progress=progress
    )


@dataclass(frozen=True)
class Crosswalk:
    """Rebuild the LSOA 2011 <-> 2021 crosswalk from the boundaries loaded (no parameters)."""


@job_task("geography.crosswalk", label="Rebuild the LSOA 2011 to 2021 crosswalk", params=Crosswalk, web_start=True)
def run_crosswalk(params: Crosswalk, *, progress: Progress) -> dict[str, int]:
    return crosswalk_build(progress=progress)


# New boundaries of either vintage change which LSOAs overlap (docs/lsoa-crosswalk.md).
follow_up(after="import_lsoa_boundaries", kind="geography.crosswalk")
