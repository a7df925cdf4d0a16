"""Pieces the geography importers share: JSON with line numbers, polygons, and failing with a report."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon

from core.imports import MAX_ERRORS_LISTED, ImportFailed, ImportReport, located

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class Problem(Exception):
    """One rejected row or feature: where it is, a short reason (counted in the report) and details."""

    def __init__(self, reason: str, *, line: int | None = None, column: str | None = None, detail: str = ""):
        self.reason = reason
        self.line = line
        self.column = column
        self.detail = detail
        super().__init__(self.describe())

    def describe(self) -> str:
        text = f"{self.reason}: {self.detail}" if self.detail else self.reason
        return located(text, line=self.line, column=self.column)


def fail(
    report: ImportReport, message: str, *, path: str | Path, line: int | None = None, column: str | None = None
) -> NoReturn:
    """Raise ImportFailed carrying REPORT's counts, so a Job keeps them (core.jobs reads ``.report``)."""
    exc = ImportFailed(message, path=path, line=line, column=column)
    report.errors.append(exc.describe())
    exc.report = report.as_dict()
    raise exc


def reject(report: ImportReport, problem: Problem) -> None:
    """Count PROBLEM under its reason and list the first few in the report."""
    report.rejected[problem.reason] += 1
    if len(report.errors) < MAX_ERRORS_LISTED:
        report.errors.append(problem.describe())


def fail_on_problems(report: ImportReport, problems: list[Problem], *, path: str | Path) -> NoReturn:
    """Abort a strict import: name the first problem's place, and list the others in the message."""
    first = problems[0]
    others = "; ".join(p.describe() for p in problems[1:MAX_ERRORS_LISTED])
    total = report.rejected_total
    message = f"{first.reason}{': ' + first.detail if first.detail else ''}"
    message += f" ({total} invalid {'row' if total == 1 else 'rows'}; nothing was imported"
    message += f". Also: {others})" if others else ")"
    exc = ImportFailed(message, path=path, line=first.line, column=first.column)
    report.errors.insert(0, "nothing was imported: the file has invalid rows (use --skip-invalid to import the rest)")
    exc.report = report.as_dict()
    raise exc


def iter_json_array(text: str, *, path: str | Path, key: str | None = None) -> Iterator[tuple[int, Any]]:
    """Yield (line, item) for each item of the top-level JSON array, or of the array under top-level KEY.

    The json module decodes each item; walking the document ourselves gives every item its line number,
    so a bad feature in a one-line GeoJSON file can still be named by line and feature number.
    """
    position = _skip(text, 0)
    if position == len(text):
        raise ImportFailed("the file is empty", path=path)
    line, counted = 1, 0

    def line_at(at: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, at)
        counted = at
        return line

    def array(at: int) -> Generator[tuple[int, Any], None, int]:
        if not text.startswith("[", at):
            _syntax(text, at, path, "expected an array ('[')" if key is None else f"expected '{key}' to be an array")
        at = _skip(text, at + 1)
        if text.startswith("]", at):
            return _skip(text, at + 1)
        while True:
            item, end = _decode(text, at, path)
            yield line_at(at), item
            at = _skip(text, end)
            if text.startswith(",", at):
                at = _skip(text, at + 1)
            elif text.startswith("]", at):
                return _skip(text, at + 1)
            else:
                _syntax(text, at, path, "expected ',' or ']' (is the file truncated?)")

    if key is None:
        position = yield from array(position)
    else:
        if not text.startswith("{", position):
            _syntax(text, position, path, f"expected a JSON object with a '{key}' array")
        position = _skip(text, position + 1)
        found, first = False, True
        while not text.startswith("}", position):
            if not first:
                if not text.startswith(",", position):
                    _syntax(text, position, path, "expected ',' or '}' (is the file truncated?)")
                position = _skip(text, position + 1)
            first = False
            name, position = _decode(text, position, path)
            position = _skip(text, position)
            if not isinstance(name, str) or not text.startswith(":", position):
                _syntax(text, position, path, "expected a property name and ':'")
            position = _skip(text, position + 1)
            if name == key and not found:
                found = True
                position = yield from array(position)
            else:
                _, position = _decode(text, position, path)
                position = _skip(text, position)
        position = _skip(text, position + 1)
        if not found:
            raise ImportFailed(f"no '{key}' array in the JSON object", path=path, line=1)
    if position != len(text):
        _syntax(text, position, path, "unexpected data after the end of the JSON document")


def json_load(text: str, *, path: str | Path) -> Any:
    """The whole JSON document, with syntax errors reported by line and column."""
    if not text.strip():
        raise ImportFailed("the file is empty", path=path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno, column=str(exc.colno)) from exc


def _skip(text: str, at: int) -> int:
    return _WHITESPACE.match(text, at).end()  # type: ignore[union-attr]


def _decode(text: str, at: int, path: str | Path) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(text, at)
    except json.JSONDecodeError as exc:
        reason = "the file ends in the middle of a value (truncated?)" if exc.pos >= len(text) else exc.msg
        raise ImportFailed(f"not valid JSON: {reason}", path=path, line=exc.lineno, column=str(exc.colno)) from exc


def _syntax(text: str, at: int, path: str | Path, message: str) -> NoReturn:
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    if at >= len(text):
        message = "the file ends too soon (truncated?); " + message
    raise ImportFailed(f"not valid JSON: {message}", path=path, line=line, column=str(column))


class _DropGeosNotices(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("GEOS_NOTICE")


@contextmanager
def quiet_geos() -> Iterator[None]:
    """Hide GEOS validity notices: invalid rings are counted and repaired or rejected, not logged one by one."""
    logger = logging.getLogger("django.contrib.gis")
    notices = _DropGeosNotices()
    logger.addFilter(notices)
    try:
        yield
    finally:
        logger.removeFilter(notices)


def polygonal(geometry: GEOSGeometry) -> tuple[MultiPolygon, bool]:
    """GEOMETRY as a valid MultiPolygon, and whether it had to be repaired.

    An invalid polygon is repaired with GEOS make_valid when that yields polygons (for the self-intersecting
    and nested-shell rings in the ONS generalised files the repaired area matches the published Shape__Area);
    collapsed slivers (lines, points) that the repair splits off are dropped. Raises ValueError otherwise.
    """
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"expected a Polygon or MultiPolygon, got a {geometry.geom_type}")
    if geometry.empty:
        raise ValueError("the polygon is empty")
    if geometry.valid:
        return _multi(geometry), False
    reason = geometry.valid_reason
    try:
        repaired = geometry.make_valid()
    except GEOSException as exc:
        raise ValueError(f"invalid polygon ({reason}) that cannot be repaired") from exc
    if repaired.geom_type == "GeometryCollection":
        members: list[GEOSGeometry] = list(repaired)  # type: ignore[call-overload]
        polygons: list[GEOSGeometry] = []
        for part in members:
            if part.geom_type == "Polygon":
                polygons.append(part)
            elif part.geom_type == "MultiPolygon":
                polygons.extend(part)  # type: ignore[arg-type]
        repaired = MultiPolygon(*polygons, srid=geometry.srid) if polygons else repaired
    if repaired.geom_type not in ("Polygon", "MultiPolygon") or repaired.empty or not repaired.valid:
        raise ValueError(f"invalid polygon ({reason}) that cannot be repaired into a polygon")
    repaired.srid = geometry.srid
    return _multi(repaired), True


def _multi(geometry: GEOSGeometry) -> MultiPolygon:
    if geometry.geom_type == "MultiPolygon":
        return geometry  # type: ignore[return-value]
    return MultiPolygon(geometry, srid=geometry.srid)


def wkt_polygon(rings: Any) -> str:
    """WKT for GeoJSON Polygon coordinates (a list of rings of [x, y, ...] positions)."""
    return "(" + ",".join(_wkt_ring(ring) for ring in rings) + ")"


def _wkt_ring(ring: Any) -> str:
    return "(" + ",".join(f"{float(p[0])!r} {float(p[1])!r}" for p in ring) + ")"
