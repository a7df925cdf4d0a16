"""Job runners for the geography importers (run by core.tasks.run_job; commands call the importers directly)."""

from __future__ import annotations

from typing import Any

from core.imports import Progress
from core.jobs import register
from geography.importers.boundaries import import_lsoa_boundaries
from geography.importers.force import import_force_boundary
from geography.importers.imd import import_imd
from geography.importers.police import import_police_neighbourhoods


@register("import_lsoa_boundaries")
def run_import_lsoa_boundaries(
    *, progress: Progress, path: str, vintage: int, skip_invalid: bool = False, force_slug: str | None = None
) -> dict[str, Any]:
    """Import ONS LSOA boundary GeoJSON (a file or folder); an ImportFailed carries the report for the Job."""
    return import_lsoa_boundaries(
        path, vintage=int(vintage), force_slug=force_slug, skip_invalid=skip_invalid, progress=progress
    ).as_dict()


@register("import_imd")
def run_import_imd(
    *, progress: Progress, path: str, edition: int | None = None, skip_invalid: bool = False
) -> dict[str, Any]:
    """Import one Indices of Deprivation CSV."""
    edition = int(edition) if edition is not None else None
    return import_imd(path, edition=edition, skip_invalid=skip_invalid, progress=progress).as_dict()


@register("import_police_neighbourhoods")
def run_import_police_neighbourhoods(
    *,
    progress: Progress,
    paths: list[str],
    force_slug: str,
    force_name: str | None = None,
    neighbourhood: str | None = None,
) -> dict[str, Any]:
    """Import police.uk neighbourhood JSON/KML files for one force."""
    return import_police_neighbourhoods(
        paths, force_slug=force_slug, force_name=force_name, neighbourhood=neighbourhood, progress=progress
    ).as_dict()


@register("import_force_boundary")
def run_import_force_boundary(
    *, progress: Progress, path: str, force_slug: str, force_name: str | None = None
) -> dict[str, Any]:
    """Import one police force's boundary (police.uk KML or ONS GeoJSON)."""
    return import_force_boundary(path, force_slug=force_slug, force_name=force_name, progress=progress).as_dict()
