"""Neighbourhood boundaries from KML: a .kml file, or a .zip of them as data.police.uk publishes.

The data.police.uk bundle holds one KML per neighbourhood named ``<force>/<neighbourhood id>.kml`` with a
single Placemark (MapIt's police importer relies on the same layout), so a file with one Placemark takes its
id from the file name; a KML with several Placemarks takes each id from the Placemark's ``name``. Coordinates
are ``lon,lat[,alt]`` tuples separated by whitespace; the altitude is dropped.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from django.contrib.gis.geos import GEOSException, MultiPolygon

from core.imports import ImportFailed, ImportReport, fail, refuse_other_formats
from geography.importers._geometry import geojson_geometry, polygonal

Ring = list[tuple[float, float]]


@dataclass
class KmlBoundary:
    """One polygon Placemark: the id it gives, its boundary, where it is, and its own name."""

    code: str
    boundary: MultiPolygon
    source: str
    line: int
    name: str  # the Placemark's <name>
    alone: bool  # the only polygon Placemark of its KML file


@dataclass
class _Node:
    tag: str
    line: int
    children: list[_Node] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def find_all(self, tag: str) -> list[_Node]:
        found = []
        for child in self.children:
            if child.tag == tag:
                found.append(child)
            found.extend(child.find_all(tag))
        return found

    def first_text(self, tag: str) -> str:
        for child in self.children:
            if child.tag == tag:
                return "".join(child.text).strip()
        return ""


def read_kml(
    path: Path, *, neighbourhood: str | None, report: ImportReport, force_slug: str | None = None
) -> list[KmlBoundary]:
    """Each polygon Placemark in the .kml or .zip at PATH."""
    if path.suffix.lower() == ".kml":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportFailed(f"cannot open: {exc}", path=path) from exc
        return _placemarks(data, source=str(path), stem=path.stem, neighbourhood=neighbourhood, report=report)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            members = [n for n in names if n.lower().endswith(".kml") and not n.startswith("__MACOSX")]
            if force_slug and any(PurePosixPath(n).parts[0] == force_slug for n in members):
                # A national bundle has a folder per force: take this force's only.
                members = [n for n in members if PurePosixPath(n).parts[0] == force_slug]
            if not members:
                if any(n.endswith(("-street.csv", "-outcomes.csv", "-stop-and-search.csv")) for n in names):
                    raise ImportFailed("this looks like a police.uk crime archive; use import_crimes", path=path)
                raise ImportFailed("the archive holds no .kml files", path=path)
            found = []
            for member in sorted(members):
                found += _placemarks(
                    archive.read(member),
                    source=f"{path}:{member}",
                    stem=PurePosixPath(member).stem,
                    neighbourhood=None,
                    report=report,
                )
            return found
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise ImportFailed(f"the archive is truncated or corrupt ({exc})", path=path) from exc


def polygon_placemarks(data: bytes, *, source: str, report: ImportReport) -> list[tuple[_Node, MultiPolygon]]:
    """Every Placemark of the KML DATA that holds polygons, with its boundary (repaired when invalid).

    An empty file, or a KML without any Placemark, has no rows: an empty list (the caller warns).
    """
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        return []
    root = _parse(data, source=source)
    placemarks = root.find_all("Placemark")
    if not placemarks:
        return []
    with_polygons = [p for p in placemarks if p.find_all("Polygon")]
    for placemark in placemarks:
        if placemark not in with_polygons:
            report.read += 1
            report.skipped["placemark without a polygon"] += 1
    if not with_polygons:
        fail(report, "no Placemark with a Polygon in this KML", path=source, line=root.line)
    return [(placemark, _boundary(placemark, source=source, report=report)) for placemark in with_polygons]


def _placemarks(
    data: bytes, *, source: str, stem: str, neighbourhood: str | None, report: ImportReport
) -> list[KmlBoundary]:
    found = []
    shapes = polygon_placemarks(data, source=source, report=report)
    for placemark, boundary in shapes:
        name = placemark.first_text("name")
        if len(shapes) == 1:
            code = neighbourhood or (stem if stem.lower() != "doc" else "") or name
        else:
            code = name
        if not code:
            fail(
                report,
                "the Placemark has no name to take the neighbourhood id from",
                path=source,
                line=placemark.line,
                column="name",
            )
        found.append(KmlBoundary(code, boundary, source, placemark.line, name, alone=len(shapes) == 1))
    return found


def _boundary(placemark: _Node, *, source: str, report: ImportReport) -> MultiPolygon:
    polygons = []
    for polygon in placemark.find_all("Polygon"):
        outer = [
            _ring(c, source=source, report=report)
            for b in polygon.find_all("outerBoundaryIs")
            for c in b.find_all("coordinates")
        ]
        inner = [
            _ring(c, source=source, report=report)
            for b in polygon.find_all("innerBoundaryIs")
            for c in b.find_all("coordinates")
        ]
        if len(outer) != 1:
            fail(
                report,
                f"bad geometry: a Polygon needs one outer ring, found {len(outer)}",
                path=source,
                line=polygon.line,
                column="outerBoundaryIs",
            )
        polygons.append([[list(point) for point in ring] for ring in (outer[0], *inner)])
    try:
        geometry, repaired = polygonal(geojson_geometry("MultiPolygon", polygons))
    except (ValueError, GEOSException) as exc:
        fail(report, f"bad geometry: {exc}", path=source, line=placemark.line, column="Polygon")
    if repaired:
        report.notes.append(f"{source}: invalid polygon repaired with GEOS make_valid")
    return geometry


def _ring(node: _Node, *, source: str, report: ImportReport) -> Ring:
    points: list[tuple[float, float]] = []
    for position in "".join(node.text).split():
        try:
            lon, lat = (float(v) for v in position.split(",")[:2])
        except ValueError:
            fail(
                report,
                f"bad coordinate {position!r}: expected lon,lat[,alt]",
                path=source,
                line=node.line,
                column="coordinates",
            )
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            fail(
                report,
                f"coordinate {position!r} is not a longitude,latitude",
                path=source,
                line=node.line,
                column="coordinates",
            )
        if not points or points[-1] != (lon, lat):
            points.append((lon, lat))
    if points and points[0] != points[-1]:
        points.append(points[0])
    if len(set(points)) < 3:
        fail(
            report,
            "bad geometry: a ring needs at least 3 distinct points",
            path=source,
            line=node.line,
            column="coordinates",
        )
    return points


def _parse(data: bytes, *, source: str) -> _Node:
    """A minimal element tree with line numbers (namespaces dropped), so errors can name the line."""
    refuse_other_formats(data[:4096], path=source, expected="KML")
    parser = expat.ParserCreate(namespace_separator="}")
    root = _Node(tag="", line=1)
    stack = [root]

    def start(name: str, attributes: dict[str, str]) -> None:
        node = _Node(tag=name.rsplit("}", 1)[-1], line=parser.CurrentLineNumber)
        stack[-1].children.append(node)
        stack.append(node)

    def end(name: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        stack[-1].text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise ImportFailed(
            f"not valid KML/XML: {expat.ErrorString(exc.code)}",
            path=source,
            line=exc.lineno,
            column=exc.offset + 1,
        ) from exc
    return root
