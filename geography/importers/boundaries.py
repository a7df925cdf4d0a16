"""Import ONS LSOA boundaries (GeoJSON, plain or gzip) into LSOA rows of one vintage.

Three property styles occur in the real files: ``LSOA11CD/LSOA11NM`` (ONS BSC), ``lsoa21_code/lsoa21_name``
(geographr) and ``area_code/area_name`` (Trafford Data Lab). The first two say their vintage, so a 2021 file
given as 2011 is refused; ``area_code`` does not, so ``--vintage`` is trusted and the report says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import MultiPolygon, Polygon
from django.db import transaction

from core.imports import (
    NO_ROWS,
    ImportFailed,
    ImportReport,
    Progress,
    RowProblem,
    fail,
    fail_on_problems,
    import_files,
    iter_json_array,
    no_progress,
    raise_if_failed,
    read_all,
    refuse_other_formats,
    reject,
)
from geography.importers._geometry import geojson_geometry, polygonal, quiet_geos
from geography.importers.area import ForceArea
from geography.models import LSOA, LSOA_CODE_RE, Vintage
from geography.services import memberships_refresh

# Code property (lower case) -> (name property, the vintage it implies or None when it does not say).
PROPERTY_STYLES: dict[str, tuple[str, int | None]] = {
    "lsoa11cd": ("lsoa11nm", Vintage.V2011),
    "lsoa11_code": ("lsoa11_name", Vintage.V2011),
    "lsoa21cd": ("lsoa21nm", Vintage.V2021),
    "lsoa21_code": ("lsoa21_name", Vintage.V2021),
    "area_code": ("area_name", None),
}
BATCH = 500


@dataclass
class _Boundary:
    code: str
    name: str
    geometry: MultiPolygon
    repaired: bool


SUFFIXES = (".geojson", ".json", ".geojson.gz", ".json.gz")


def import_lsoa_boundaries(
    paths: str | Path | Sequence[str | Path],
    *,
    vintage: int,
    force_slug: str | None = None,
    progress: Progress = no_progress,
    skip_invalid: bool = False,
) -> ImportReport:
    """Upsert the LSOAs of VINTAGE from the GeoJSON files at PATHS (files or folders), each file atomically.

    Strict by default: one bad feature (no code, malformed code, geometry that cannot be repaired) aborts its
    file with nothing of it written. With SKIP_INVALID the valid features are imported and the rest counted.
    With FORCE_SLUG only the LSOAs lying mostly inside that force's boundary are kept (see ``area``).
    Every file is tried; ImportFailed at the end names the files that failed.
    """
    if vintage not in Vintage.values:
        raise ImportFailed(f"the vintage must be 2011 or 2021, not {vintage}", column="--vintage")
    area = ForceArea.load(force_slug) if force_slug else None

    def one(path: Path, progress: Progress) -> ImportReport:
        return _import_file(path, vintage=vintage, area=area, progress=progress, skip_invalid=skip_invalid)

    return raise_if_failed(import_files(paths, one, suffixes=SUFFIXES, progress=progress))


def _import_file(
    path: Path, *, vintage: int, area: ForceArea | None, progress: Progress, skip_invalid: bool
) -> ImportReport:
    report = ImportReport(source=str(path))
    text = read_all(path)
    if not text.strip():
        report.warnings.append(NO_ROWS)
        return report
    refuse_other_formats(text[:4096], path=path, expected="GeoJSON")
    features = list(iter_json_array(text, path=path, key="features"))
    del text
    total = len(features)
    boundaries: dict[str, _Boundary] = {}
    problems: list[RowProblem] = []
    style: tuple[str, str | None] | None = None
    with quiet_geos():
        for number, (line, feature) in enumerate(features, start=1):
            report.read += 1
            if style is None:
                style = _style(feature, vintage=vintage, line=line, path=path, report=report)
            try:
                boundary = _parse(feature, number=number, line=line, style=style)
            except RowProblem as problem:
                problems.append(problem)
                reject(report, problem)
                continue
            earlier = boundaries.get(boundary.code)
            if earlier is None:
                boundaries[boundary.code] = boundary
            elif earlier.name == boundary.name and earlier.geometry.equals_exact(boundary.geometry):
                report.duplicates += 1
            else:
                repeated = RowProblem(
                    "LSOA code repeated with a different boundary",
                    line=line,
                    column=style[0],
                    detail=f"feature {number} ({boundary.code})",
                )
                problems.append(repeated)
                reject(report, repeated)
            if number % 250 == 0:
                progress(number, total)
    if problems and not skip_invalid:
        fail_on_problems(report, problems, path=path)
    if style is None:
        report.warnings.append(NO_ROWS)
        return report
    if PROPERTY_STYLES[style[0].lower()][1] is None:
        report.notes.append(f"the property '{style[0]}' does not say the LSOA vintage; trusted --vintage {vintage}")
    repaired = [b.code for b in boundaries.values() if b.repaired]
    if repaired:
        report.notes.append(
            f"{len(repaired)} invalid polygons repaired with GEOS make_valid ({', '.join(repaired[:5])}"
            f"{', ...' if len(repaired) > 5 else ''})"
        )
    kept = list(boundaries.values())
    if area is not None:
        kept = [b for b in kept if area.keeps(b.geometry)]
        dropped = len(boundaries) - len(kept)
        if dropped:
            report.skipped[f"outside the force area of {area.force.slug}"] = dropped
        report.notes.append(
            f"force {area.force.slug}: kept {len(kept)} LSOAs lying mostly inside its boundary, dropped {dropped}"
        )
    _write(kept, vintage=vintage, source=path.name, report=report)
    progress(total, total)
    return report


def _style(feature: Any, *, vintage: int, line: int, path: Path, report: ImportReport) -> tuple[str, str | None]:
    """The (code, name) property names used by this file, checked against VINTAGE."""
    properties = feature.get("properties") if isinstance(feature, dict) else None
    names = {key.lower(): key for key in properties} if isinstance(properties, dict) else {}
    for code_key, (name_key, implied) in PROPERTY_STYLES.items():
        if code_key in names:
            if implied is not None and implied != vintage:
                fail(
                    report,
                    f"this file has LSOA {implied} codes (property '{names[code_key]}') but vintage {vintage} "
                    f"was asked for; import it with --vintage {implied}",
                    path=path,
                    line=line,
                    column=names[code_key],
                )
            return names[code_key], names.get(name_key)
    expected = "LSOA11CD, lsoa11_code, LSOA21CD, lsoa21_code or area_code"
    fail(
        report,
        f"feature 1 has no LSOA code property: expected {expected}; found {', '.join(names.values()) or 'none'}",
        path=path,
        line=line,
        column="properties",
    )


def _parse(feature: Any, *, number: int, line: int, style: tuple[str, str | None]) -> _Boundary:
    code_key, name_key = style
    properties = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(properties, dict):
        raise RowProblem("feature without properties", line=line, column="properties", detail=f"feature {number}")
    code = properties.get(code_key)
    if not isinstance(code, str) or not code.strip():
        raise RowProblem("missing LSOA code", line=line, column=code_key, detail=f"feature {number}")
    code = code.strip()
    if not LSOA_CODE_RE.match(code):
        raise RowProblem(
            "malformed LSOA code",
            line=line,
            column=code_key,
            detail=f"feature {number}: {code!r} is not an LSOA code (E01 or W01 and six digits)",
        )
    name = properties.get(name_key) if name_key else None
    name = name.strip() if isinstance(name, str) else ""
    geometry, repaired = _geometry(feature.get("geometry"), number=number, line=line, code=code)
    return _Boundary(code=code, name=name, geometry=geometry, repaired=repaired)


def _geometry(data: Any, *, number: int, line: int, code: str) -> tuple[MultiPolygon, bool]:
    def bad(detail: str) -> RowProblem:
        return RowProblem("bad geometry", line=line, column="geometry", detail=f"feature {number} ({code}): {detail}")

    if not isinstance(data, dict):
        raise bad("no geometry")
    try:
        # GeoJSON (RFC 7946) and the ONS files are WGS84 longitude/latitude; any "crs" member is ignored.
        return polygonal(geojson_geometry(str(data.get("type")), data.get("coordinates")))
    except ValueError as exc:
        raise bad(str(exc) or type(exc).__name__) from exc


def _write(boundaries: list[_Boundary], *, vintage: int, source: str, report: ImportReport) -> None:
    """Upsert in batches, writing only new or changed LSOAs so that a re-run changes nothing."""
    total = len(boundaries)
    created = updated = unchanged = 0
    extent: list[float] | None = None
    with transaction.atomic():
        for start in range(0, total, BATCH):
            batch = boundaries[start : start + BATCH]
            existing = {
                code: (name, geometry, old_source)
                for code, name, geometry, old_source in LSOA.objects.filter(
                    vintage=vintage, code__in=[b.code for b in batch]
                ).values_list("code", "name", "geometry", "source")
            }
            rows = []
            for boundary in batch:
                old = existing.get(boundary.code)
                # Never blank a name that an earlier file (or IMD import) supplied.
                name = boundary.name or (old[0] if old else "")
                if old and old[0] == name and old[2] == source and old[1] is not None:
                    if old[1].equals_exact(boundary.geometry):
                        unchanged += 1
                        continue
                created, updated = (created + 1, updated) if old is None else (created, updated + 1)
                rows.append(
                    LSOA(code=boundary.code, vintage=vintage, name=name, geometry=boundary.geometry, source=source)
                )
                extent = _grow(extent, boundary.geometry.extent)
            LSOA.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["code", "vintage"],
                update_fields=["name", "geometry", "source"],
            )
        refreshed = 0
        if extent is not None:
            area = Polygon.from_bbox((extent[0], extent[1], extent[2], extent[3]))
            area.srid = 4326
            refreshed = memberships_refresh(vintage=vintage, area=area)
    report.imported = created + updated
    report.duplicates += unchanged
    report.notes.append(f"LSOAs {vintage}: {created} new, {updated} updated, {unchanged} unchanged")
    if refreshed:
        report.notes.append(f"spatial LSOA membership re-derived for {refreshed} neighbourhoods")


def _grow(extent: list[float] | None, box: tuple[float, float, float, float]) -> list[float]:
    if extent is None:
        return list(box)
    return [min(extent[0], box[0]), min(extent[1], box[1]), max(extent[2], box[2]), max(extent[3], box[3])]
