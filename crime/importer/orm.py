"""The portable fallback (SpatiaLite, or forced in tests): the same rows and rules through the ORM.

Known keys are looked up per batch and skipped; the LSOA is found by code and vintage; the neighbourhood
by geometry: candidates come from an ``intersects`` lookup on the batch's bounding box, and each point is
tested with GEOS prepared geometries, the smallest covering neighbourhood winning as on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from django.contrib.gis.geos import Point, Polygon

from crime.importer.report import CrimeImportReport
from crime.importer.rows import Row
from crime.models import Crime
from geography.models import LSOA, Neighbourhood

BATCH = 500  # keeps each "key IN (...)" under SQLite's parameter limit


class NeighbourhoodLocator:
    """The smallest neighbourhood whose boundary covers a point (ST_Covers semantics, in GEOS)."""

    def __init__(self) -> None:
        # id -> (area, id, (xmin, ymin, xmax, ymax), prepared boundary)
        self._shapes: dict[int, tuple[float, int, tuple[float, float, float, float], Any]] = {}

    def prepare(self, points: list[Point]) -> None:
        """Load the neighbourhoods near POINTS (one query per batch)."""
        if not points:
            return
        xs = [p.x for p in points]
        ys = [p.y for p in points]
        box = Polygon.from_bbox((min(xs), min(ys), max(xs), max(ys)))
        box.srid = 4326
        near = Neighbourhood.objects.filter(boundary__intersects=box).exclude(pk__in=list(self._shapes))
        for pk, boundary in near.values_list("pk", "boundary"):
            self._shapes[pk] = (boundary.area, pk, boundary.extent, boundary.prepared)

    def locate(self, point: Point) -> int | None:
        x, y = point.x, point.y
        candidates = sorted(
            shape
            for shape in self._shapes.values()
            if shape[2][0] <= x <= shape[2][2] and shape[2][1] <= y <= shape[2][3]
        )
        for _area, pk, _extent, prepared in candidates:
            if prepared.covers(point):
                return pk
        return None


class LSOALookup:
    """LSOA ids by (code, vintage), fetched for the codes of each batch and remembered."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, int], int | None] = {}

    def prepare(self, rows: list[Row]) -> None:
        wanted = {(row[8], row[10]) for row in rows if row[8]} - self._ids.keys()
        for vintage in {v for _, v in wanted}:
            codes = [code for code, v in wanted if v == vintage]
            found = dict(LSOA.objects.filter(vintage=vintage, code__in=codes).values_list("code", "pk"))
            self._ids.update({(code, vintage): found.get(code) for code in codes})

    def get(self, code: str, vintage: int) -> int | None:
        return self._ids.get((code, vintage)) if code else None


def import_rows_orm(
    rows: Iterator[Row], *, source_file: str, report: CrimeImportReport, checkpoint: Callable[[], None]
) -> None:
    """Insert the new ROWS with bulk_create; counts go to REPORT. Runs in the caller's transaction."""
    seen: set[str] = set()  # keys of this file, so a repeated Crime ID counts once
    locator = NeighbourhoodLocator()
    lsoas = LSOALookup()
    while batch := list(islice(rows, BATCH)):
        keys = [row[0] for row in batch]
        known = {key.hex for key in Crime.objects.filter(key__in=keys).values_list("key", flat=True)}
        points = [Point(float(row[5]), float(row[6]), srid=4326) if row[5] else None for row in batch]
        locator.prepare([p for p in points if p is not None])
        lsoas.prepare(batch)
        new: list[Crime] = []
        for row, point in zip(batch, points, strict=True):
            key = row[0]
            if key in known or key in seen:
                continue
            seen.add(key)
            new.append(
                Crime(
                    key=key,
                    crime_id=row[1],
                    month=row[2],
                    reported_by=row[3],
                    falls_within=row[4],
                    location=point,
                    location_text=row[7],
                    lsoa_code=row[8],
                    lsoa_name=row[9],
                    lsoa_id=lsoas.get(row[8], row[10]),
                    neighbourhood_id=None if point is None else locator.locate(point),
                    category=row[11],
                    last_outcome=row[12],
                    context=row[13],
                    source_file=source_file,
                )
            )
        checkpoint()  # report progress; a strict import with rejected rows writes nothing more
        Crime.objects.bulk_create(new, ignore_conflicts=True)
        report.imported += len(new)
        report.linked_lsoa += sum(1 for crime in new if crime.lsoa_id)
        report.linked_neighbourhood += sum(1 for crime in new if crime.neighbourhood_id)
        report.unlocated += sum(1 for crime in new if crime.location is None)
    checkpoint()
