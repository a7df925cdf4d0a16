"""Import a police force's boundary: police.uk's force KML, or an ONS Police Force Area GeoJSON (issue 8 §4).

data.police.uk publishes one KML per force (``<force id>.kml``): Placemarks holding the force area's
polygons. Every polygon Placemark of the file is taken, joined into one MultiPolygon. An ONS PFA GeoJSON
(``police_force_areas_*.geojson`` in shared/data/boundaries) holds every force; the feature whose name is
the force's is taken and the others are counted as skipped. A file that names another force is refused, so
a boundary cannot land on the wrong force.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon
from django.core.exceptions import ValidationError
from django.db import transaction

from core.imports import (
    NO_ROWS,
    ImportFailed,
    ImportReport,
    Progress,
    fail,
    iter_json_array,
    no_progress,
    read_all,
    refuse_other_formats,
)
from geography.importers._forces import POLICE_UK_FORCES, force_named
from geography.importers._geometry import geojson_geometry, polygonal, quiet_geos
from geography.importers._kml import polygon_placemarks
from geography.models import Force


def import_force_boundary(
    path: str | Path, *, force_slug: str, force_name: str | None = None, progress: Progress = no_progress
) -> ImportReport:
    """Set FORCE_SLUG's boundary from the KML or GeoJSON at PATH, atomically; the force is created when missing.

    Importing the same boundary again changes nothing (counted as a duplicate).
    """
    path = Path(path)
    report = ImportReport(source=str(path))
    if not path.exists():
        fail(report, "file not found", path=path)
    with quiet_geos():
        if path.name.lower().endswith((".kml", ".zip")):
            parts, names, source = _from_kml(path, force_slug=force_slug, report=report)
        else:
            parts, names, source = _from_geojson(path, force_slug=force_slug, report=report)
        if not parts:
            report.warnings.append(NO_ROWS)  # an empty file: the force keeps the boundary it has
            return report
        others = sorted({slug for slug in map(force_named, names) if slug is not None} - {force_slug})
        if others:
            named = others[0]
            fail(
                report,
                f"this file is the boundary of the force '{named}', not '{force_slug}'",
                path=source,
                line=1,
                column="--force",
            )
        try:
            union = parts[0]
            for part in parts[1:]:
                union = union.union(part)
            boundary, repaired = polygonal(union)
        except (ValueError, GEOSException) as exc:
            fail(report, f"bad geometry: {exc}", path=source)
    if repaired:
        report.notes.append("invalid polygon repaired with GEOS make_valid")
    progress(report.read, report.read)
    with transaction.atomic():
        _save(force_slug, force_name, boundary, source=path.name, report=report)
    return report


def _from_kml(path: Path, *, force_slug: str, report: ImportReport) -> tuple[list[GEOSGeometry], list[str], str]:
    if path.suffix.lower() == ".kml":
        try:
            data, source, stem = path.read_bytes(), str(path), path.stem
        except OSError as exc:
            raise ImportFailed(f"cannot open: {exc}", path=path) from exc
    else:
        try:
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if n.lower().endswith(".kml")]
                wanted = [n for n in members if PurePosixPath(n).stem == force_slug] or members
                if len(wanted) != 1:
                    fail(report, f"expected {force_slug}.kml or one .kml file in the archive", path=path)
                data, source, stem = archive.read(wanted[0]), f"{path}:{wanted[0]}", PurePosixPath(wanted[0]).stem
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise ImportFailed(f"the archive is truncated or corrupt ({exc})", path=path) from exc
    shapes = polygon_placemarks(data, source=source, report=report)
    if not shapes:
        return [], [], source
    report.read += 1  # one force area, however many Placemarks draw it
    names = [stem] + [placemark.first_text("name") for placemark, _ in shapes]
    return [boundary for _, boundary in shapes], names, source


def _from_geojson(path: Path, *, force_slug: str, report: ImportReport) -> tuple[list[GEOSGeometry], list[str], str]:
    text = read_all(path)
    if not text.strip():
        return [], [], str(path)
    refuse_other_formats(text[:4096], path=path, expected="KML or GeoJSON")
    features = list(iter_json_array(text, path=path, key="features"))
    if not features:
        return [], [], str(path)
    chosen = [(line, f) for line, f in features if force_named(*_names(f)) == force_slug]
    if not chosen and len(features) == 1:
        chosen = features
    if not chosen:
        found = sorted({name for _, f in features for name in _names(f)})[:50]
        fail(
            report,
            f"no feature is the force '{force_slug}'; the file names: {', '.join(found) or 'nothing'}",
            path=path,
            column="--force",
        )
    report.read += 1 + len(features) - len(chosen)  # the force area, and each other force's feature
    if len(features) > len(chosen):
        report.skipped["other forces"] += len(features) - len(chosen)
    parts: list[GEOSGeometry] = []
    for line, feature in chosen:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        try:
            if not isinstance(geometry, dict):
                raise ValueError("no geometry")
            parts.append(geojson_geometry(str(geometry.get("type")), geometry.get("coordinates")))
        except ValueError as exc:
            fail(report, f"bad geometry: {exc}", path=path, line=line, column="geometry")
    return parts, [], str(path)


def _names(feature: Any) -> list[str]:
    """The name-like properties of a GeoJSON feature ('pfa20_name', 'name'...)."""
    properties = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(properties, dict):
        return []
    return [str(value) for key, value in properties.items() if "name" in key.lower() and isinstance(value, str)]


def _save(slug: str, name: str | None, boundary: MultiPolygon, *, source: str, report: ImportReport) -> None:
    force = Force.objects.filter(slug=slug).first()
    if force is None:
        force = Force(slug=slug, name=name or POLICE_UK_FORCES.get(slug) or slug.replace("-", " ").title())
        report.notes.append(f"created the force '{slug}'")
    elif name:
        force.name = name
    if force.boundary is not None and force.boundary.equals_exact(boundary) and force.boundary_source == source:
        report.duplicates += 1
        report.notes.append(f"the boundary of {slug} is unchanged")
        if not name or force.name == name:
            return
    else:
        report.imported += 1
        report.notes.append(f"boundary of {slug} {'replaced' if force.boundary is not None else 'loaded'}")
    force.boundary = boundary
    force.boundary_source = source[:200]
    try:
        force.full_clean()
    except ValidationError as exc:
        fail(report, f"force: {'; '.join(exc.messages)}", path=source, column="--force")
    force.save()
