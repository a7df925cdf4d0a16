"""Import police.uk neighbourhoods: the API's list, detail and boundary JSON, and KML boundaries.

Which kind a JSON file is comes from its shape (reference-anchors §1.3): a list of ``{id, name}`` (list),
an object with ``id`` and ``name`` (detail), or a list of ``{latitude, longitude}`` strings (boundary, whose
neighbourhood id comes from the file name ``<force>_<id>_boundary.json`` or the ``neighbourhood`` option).
KML boundaries are ``.kml`` files or a ``.zip`` of them; see ``_kml``. Every file is tried and written in
its own transaction: a bad file leaves nothing of itself behind, and the report names it (issue 8 §6).

A file for a neighbourhood already known under another id (the same KML saved under another name) updates
that neighbourhood instead of making a second one; a KML holding one polygon named after a police force is
a force boundary and is refused with a pointer to import_force_boundary (issue 8 §4).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import GEOSException, MultiPolygon, Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from core.imports import (
    NO_ROWS,
    ImportReport,
    Progress,
    fail,
    import_files,
    iter_json_array,
    json_load,
    no_progress,
    raise_if_failed,
    read_all,
    refuse_other_formats,
)
from geography.importers._forces import force_named
from geography.importers._geometry import polygon_from_rings, polygonal, quiet_geos
from geography.importers._kml import read_kml
from geography.models import LSOA, RESERVED_NEIGHBOURHOOD_IDS, Force, Neighbourhood
from geography.services import is_explicit, measured_area, membership_derive

_BOUNDARY_FILE = re.compile(r"^(?:.*_)?(?P<id>[^_]+)_boundary\.json$", re.I)


@dataclass
class _Entry:
    """What one item of a file says about a neighbourhood; a key left out means 'not given' (keep what is stored)."""

    code: str
    path: str
    line: int
    values: dict[str, Any] = field(default_factory=dict)
    boundary: MultiPolygon | None = None
    # A boundary file's own name for the area (a KML Placemark's <name>), to recognise a known neighbourhood.
    label: str = ""


SUFFIXES = (".json", ".kml", ".zip")
SAME_PLACE = 0.9  # share of the larger boundary's area that two drawings of one neighbourhood have in common


def import_police_neighbourhoods(
    paths: str | Path | Sequence[str | Path],
    *,
    force_slug: str,
    force_name: str | None = None,
    neighbourhood: str | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Upsert FORCE_SLUG's neighbourhoods (by force and id) from police.uk JSON and KML files at PATHS.

    PATHS are files or folders; each file is imported atomically on its own, and ImportFailed at the end
    names the files that failed. The force is created when missing. A neighbourhood that gains a new
    boundary has its LSOA membership derived spatially for each vintage with LSOA geometry, unless it is
    defined explicitly by its LSOAs. NEIGHBOURHOOD names the neighbourhood of a boundary file whose name
    does not say it.
    """

    def one(path: Path, progress: Progress) -> ImportReport:
        return _import_file(
            path, force_slug=force_slug, force_name=force_name, neighbourhood=neighbourhood, progress=progress
        )

    return raise_if_failed(import_files(paths, one, suffixes=SUFFIXES, progress=progress))


def _import_file(
    path: Path, *, force_slug: str, force_name: str | None, neighbourhood: str | None, progress: Progress
) -> ImportReport:
    report = ImportReport(source=str(path))
    with quiet_geos():
        entries = _read(path, neighbourhood=neighbourhood, force_slug=force_slug, report=report)
    report.read += len(entries)
    if not entries:
        report.warnings.append(NO_ROWS)
        return report
    with transaction.atomic():
        force = _force(force_slug, force_name, report=report, path=path)
        entries = [_known_as(force, entry, report=report) for entry in entries]
        _write(force, entries, report=report, progress=progress)
    return report


def _read(path: Path, *, neighbourhood: str | None, force_slug: str, report: ImportReport) -> list[_Entry]:
    if path.suffix.lower() in (".kml", ".zip"):
        found = read_kml(path, neighbourhood=neighbourhood, force_slug=force_slug, report=report)
        if neighbourhood is None:
            for kml in found:
                _refuse_a_force(kml.code, kml.name, alone=kml.alone, path=kml.source, line=kml.line, report=report)
        return [
            _entry(kml.code, {}, path=kml.source, line=kml.line, report=report, boundary=kml.boundary, label=kml.name)
            for kml in found
        ]
    text = read_all(path)
    if not text.strip():
        return []
    refuse_other_formats(text[:4096], path=path, expected="police.uk JSON or KML")
    document = json_load(text, path=path)
    if isinstance(document, dict):
        return [_detail(document, path=path, report=report)]
    if not isinstance(document, list):
        fail(report, "expected a police.uk neighbourhood list, detail or boundary", path=path, line=1)
    items = list(iter_json_array(text, path=path))
    if items and all(isinstance(item, dict) and "latitude" in item for _, item in items):
        code = neighbourhood or _boundary_code(path, report=report)
        boundary = _boundary(items, path=path, report=report)
        return [_entry(code, {}, path=path, line=1, report=report, boundary=boundary)]
    entries = []
    for line, item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not isinstance(item.get("name"), str):
            fail(report, 'expected a neighbourhood {"id": ..., "name": ...}', path=path, line=line, column="id")
        entries.append(_entry(item["id"], {"name": item["name"]}, path=path, line=line, report=report))
    return entries


def _refuse_a_force(code: str, name: str, *, alone: bool, path: str, line: int, report: ImportReport) -> None:
    """A KML with one polygon named after a police force is that force's boundary, not a neighbourhood."""
    if not alone:
        return
    slug = force_named(code, name)
    if slug is not None:
        fail(
            report,
            f"this looks like the boundary of the force '{slug}' (one polygon named after a police force), not a "
            f"neighbourhood; import it with import_force_boundary --force {slug} PATH, or give --neighbourhood "
            "if it really is a neighbourhood",
            path=path,
            line=line,
            column="name",
        )


def _known_as(force: Force, entry: _Entry, *, report: ImportReport) -> _Entry:
    """ENTRY under the id of the neighbourhood it already is, when its file names it differently.

    A boundary whose id is new to the force belongs to an existing neighbourhood when its own name is that
    neighbourhood's id or name, or when it draws the same place: the same KML saved under another file name,
    or redrawn, must update the neighbourhood, never make a second one (issue 8 §4).
    """
    if entry.boundary is None or Neighbourhood.objects.filter(force=force, code=entry.code).exists():
        return entry
    hoods = Neighbourhood.objects.filter(force=force)
    same = None
    if entry.label:
        same = hoods.filter(Q(code=entry.label) | Q(name__iexact=entry.label)).first()
    if same is None:
        same = next(
            (hood for hood in hoods.filter(boundary__intersects=entry.boundary) if _same_place(hood, entry)), None
        )
    if same is None:
        return entry
    report.warnings.append(
        f"{entry.path}: this is neighbourhood {same.code} ({same.name}) under another name; "
        f"updated {same.code} rather than creating '{entry.code}'"
    )
    entry.code = same.code
    return entry


def _entry(
    code: str,
    values: dict[str, Any],
    *,
    path: str | Path,
    line: int,
    report: ImportReport,
    boundary: MultiPolygon | None = None,
    label: str = "",
) -> _Entry:
    code = code.strip()
    if not code:
        fail(report, "empty neighbourhood id", path=path, line=line, column="id")
    if code in RESERVED_NEIGHBOURHOOD_IDS:
        fail(
            report,
            f"'{code}' is reserved by the police.uk API and cannot be a neighbourhood id",
            path=path,
            line=line,
            column="id",
        )
    if "name" in values:
        name = values["name"]
        if not isinstance(name, str) or not name.strip():
            fail(report, f"neighbourhood {code} has no name", path=path, line=line, column="name")
        # police.uk names sometimes carry HTML entities ("&amp;"); store the text they stand for.
        values["name"] = html.unescape(name).strip()[:200]
    return _Entry(code=code, path=str(path), line=line, values=values, boundary=boundary, label=label)


def _detail(data: dict[str, Any], *, path: Path, report: ImportReport) -> _Entry:
    """A GET /{force}/{neighbourhood} response; numbers arrive as strings."""
    if not isinstance(data.get("id"), str):
        fail(report, "expected a police.uk neighbourhood detail with an 'id'", path=path, line=1, column="id")
    values: dict[str, Any] = {"name": data["name"]} if "name" in data else {}
    for key in ("url_force", "description", "welcome_message"):
        if key in data:
            values[key] = data[key] or ""
    for key, kind in (("contact_details", dict), ("links", list), ("locations", list)):
        if key in data:
            if not isinstance(data[key], kind | type(None)):
                fail(report, f"'{key}' should be a {kind.__name__}", path=path, line=_line_of(path, key), column=key)
            values[key] = data[key] or kind()
    if "population" in data:
        values["population"] = _population(data["population"], path=path, report=report)
    if isinstance(data.get("centre"), dict):
        values["centre"] = _point(data["centre"], path=path, line=_line_of(path, "centre"), report=report)
    return _entry(data["id"], values, path=path, line=1, report=report)


def _population(value: Any, *, path: Path, report: ImportReport) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not text.isdigit():
        if text:
            fail(
                report,
                f"population {value!r} is not a whole number",
                path=path,
                line=_line_of(path, "population"),
                column="population",
            )
        return None
    # police.uk sends "0" when it does not know (e.g. Leicester City Centre): missing, not zero people.
    return int(text) or None


def _point(centre: dict[str, Any], *, path: Path, line: int, report: ImportReport) -> Point:
    try:
        return Point(float(centre["longitude"]), float(centre["latitude"]), srid=4326)
    except (KeyError, TypeError, ValueError):
        fail(report, f"centre {centre!r} needs numeric latitude and longitude", path=path, line=line, column="centre")


def _boundary_code(path: Path, *, report: ImportReport) -> str:
    match = _BOUNDARY_FILE.match(path.name)
    if not match:
        fail(
            report,
            "cannot tell which neighbourhood this boundary belongs to: name the file <force>_<id>_boundary.json "
            "or give the neighbourhood id",
            path=path,
        )
    return match["id"]


def _boundary(items: list[tuple[int, Any]], *, path: Path, report: ImportReport) -> MultiPolygon:
    """A [{latitude, longitude}] ring as a valid MultiPolygon; repeated vertices are dropped, the ring closed."""
    points: list[tuple[float, float]] = []
    for line, item in items:
        try:
            point = (float(item["longitude"]), float(item["latitude"]))
        except (KeyError, TypeError, ValueError):
            fail(
                report, f"vertex {item!r} needs numeric latitude and longitude", path=path, line=line, column="latitude"
            )
        if not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
            fail(report, f"vertex {point} is not a longitude/latitude", path=path, line=line, column="longitude")
        if not points or points[-1] != point:
            points.append(point)
    if points and points[0] != points[-1]:
        points.append(points[0])
    if len(set(points)) < 3:
        fail(
            report,
            f"bad geometry: a boundary needs at least 3 distinct vertices, found {len(set(points))}",
            path=path,
            line=1,
        )
    try:
        geometry, repaired = polygonal(polygon_from_rings([points]))
    except (ValueError, GEOSException) as exc:
        fail(report, f"bad geometry: {exc}", path=path, line=1)
    if repaired:
        report.notes.append("invalid boundary ring repaired with GEOS make_valid")
    return geometry


def _line_of(path: Path, key: str) -> int:
    """The line of the first '"KEY":' in a (small) detail file, for messages."""
    text = read_all(path)
    at = text.find(f'"{key}"')
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _force(slug: str, name: str | None, *, report: ImportReport, path: Path) -> Force:
    force = Force.objects.filter(slug=slug).first()
    if force is None:
        force = Force(slug=slug, name=name or slug.replace("-", " ").title())
        report.notes.append(f"created the force '{slug}'")
    elif not name or force.name == name:
        return force
    else:
        force.name = name
    try:
        force.full_clean()
    except ValidationError as exc:
        fail(report, f"force: {'; '.join(exc.messages)}", path=path, column="--force")
    force.save()
    return force


def _write(force: Force, entries: list[_Entry], *, report: ImportReport, progress: Progress) -> None:
    """Apply each item in order, counting it imported if it changed something, else a duplicate.

    PROGRESS counts entries: its total is the number of items the file holds.
    """
    hoods = {n.code: n for n in Neighbourhood.objects.filter(force=force, code__in={e.code for e in entries})}
    created: set[str] = set()
    touched: dict[str, _Entry] = {}  # code -> the last entry that changed it (for messages)
    reshaped: set[str] = set()
    for done, entry in enumerate(entries, start=1):
        if done % 100 == 0:
            progress(done, len(entries))
        hood = hoods.get(entry.code)
        if hood is None:
            hood = hoods[entry.code] = Neighbourhood(force=force, code=entry.code, name=entry.code, source="police.uk")
            created.add(entry.code)
            changed = True
        else:
            changed = False
        for key, value in entry.values.items():
            if not _same(getattr(hood, key), value):
                setattr(hood, key, value)
                changed = True
        if entry.boundary is not None and (hood.boundary is None or not hood.boundary.equals_exact(entry.boundary)):
            hood.boundary = entry.boundary
            reshaped.add(entry.code)
            changed = True
        if changed:
            report.imported += 1
            touched[entry.code] = entry
        else:
            report.duplicates += 1
    vintages = sorted(set(LSOA.objects.filter(geometry__isnull=False).values_list("vintage", flat=True)))
    derived = []
    for code, entry in touched.items():
        hood = hoods[code]
        try:
            hood.full_clean()
        except ValidationError as exc:
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            fail(report, f"neighbourhood {code}: {problems}", path=entry.path, line=entry.line)
        hood.save()
        if code not in reshaped:
            continue
        if is_explicit(hood):
            report.notes.append(f"{code}: membership kept as defined explicitly by its LSOAs")
            continue
        for vintage in vintages:
            membership_derive(neighbourhood=hood, vintage=vintage)
        derived.append(code)
    progress(len(entries), len(entries))
    nameless = sorted(code for code in created if hoods[code].name == code)
    if nameless:
        report.notes.append(f"named by id until a list or detail file names them: {', '.join(nameless[:10])}")
    report.notes.append(f"neighbourhoods of {force.slug}: {len(created)} new, {len(touched) - len(created)} updated")
    if derived:
        report.notes.append(
            f"LSOA membership derived spatially for {len(derived)} neighbourhoods (vintages "
            f"{', '.join(map(str, vintages))})"
        )


def _same_place(hood: Neighbourhood, entry: _Entry) -> bool:
    """Whether two boundaries draw the same place: each lies almost wholly (SAME_PLACE) inside the other.

    Neighbourhoods of a force tile its area without overlapping, and a cluster drawn around several of them
    holds far more than any one, so only a redrawing of the same neighbourhood passes both ways.
    """
    if hood.boundary is None or entry.boundary is None:
        return False
    shared = measured_area(hood.boundary.intersection(entry.boundary))
    return shared >= SAME_PLACE * max(measured_area(hood.boundary), measured_area(entry.boundary))


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, Point) and isinstance(new, Point):
        return old.equals_exact(new)
    return old == new
