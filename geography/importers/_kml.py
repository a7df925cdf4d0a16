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

from django.contrib.gis.geos import GEOSException, LinearRing, MultiPolygon, Polygon

from core.imports import ImportFailed, ImportReport
from geography.importers._common import fail, polygonal


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
) -> list[tuple[str, MultiPolygon, str, int]]:
    """(id, boundary, source, line) for each polygon Placemark in the .kml or .zip at PATH."""
    if path.suffix.lower() == ".kml":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportFailed(f"cannot open: {exc}", path=path) from exc
        return _placemarks(data, source=str(path), stem=path.stem, neighbourhood=neighbourhood, report=report)
    try:
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.lower().endswith(".kml") and not n.startswith("__MACOSX")]
            if force_slug and any(PurePosixPath(n).parts[0] == force_slug for n in members):
                # A national bundle has a folder per force: take this force's only.
                members = [n for n in members if PurePosixPath(n).parts[0] == force_slug]
            if not members:
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


def _placemarks(
    data: bytes, *, source: str, stem: str, neighbourhood: str | None, report: ImportReport
) -> list[tuple[str, MultiPolygon, str, int]]:
    root = _parse(data, source=source)
    placemarks = root.find_all("Placemark")
    with_polygons = [p for p in placemarks if p.find_all("Polygon")]
    for placemark in placemarks:
        if placemark not in with_polygons:
            report.read += 1
            report.skipped["placemark without a polygon"] += 1
    if not with_polygons:
        fail(report, "no Placemark with a Polygon in this KML", path=source, line=root.line)
    found = []
    for placemark in with_polygons:
        if len(with_polygons) == 1:
            code = neighbourhood or (stem if stem.lower() != "doc" else "") or placemark.first_text("name")
        else:
            code = placemark.first_text("name")
        if not code:
            fail(
                report,
                "the Placemark has no name to take the neighbourhood id from",
                path=source,
                line=placemark.line,
                column="name",
            )
        found.append((code, _boundary(placemark, source=source, report=report), source, placemark.line))
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
        try:
            polygons.append(Polygon(outer[0], *inner, srid=4326))
        except (GEOSException, TypeError, ValueError) as exc:
            fail(report, f"bad geometry: {exc}", path=source, line=polygon.line, column="Polygon")
    try:
        geometry, repaired = polygonal(MultiPolygon(*polygons, srid=4326))
    except (ValueError, GEOSException) as exc:
        fail(report, f"bad geometry: {exc}", path=source, line=placemark.line, column="Polygon")
    if repaired:
        report.notes.append(f"{source}: invalid polygon repaired with GEOS make_valid")
    return geometry


def _ring(node: _Node, *, source: str, report: ImportReport) -> LinearRing:
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
    return LinearRing(points, srid=4326)


def _parse(data: bytes, *, source: str) -> _Node:
    """A minimal element tree with line numbers (namespaces dropped), so errors can name the line."""
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
            column=str(exc.offset + 1),
        ) from exc
    return root
