"""The one rule that links a crime to its LSOAs and its neighbourhood (ADR 0007), with two backends.

The rule, for a crime's published LSOA code and anonymised point:
- **LSOAs by code.** The code is resolved in every loaded vintage that holds it, whatever the crime's month
  (police.uk kept 2011 codes in some forces' 2023 files): a code in both vintages links to both. police.uk
  derived the code from the point with ONS's full-resolution boundaries, so the code is the link of record;
  our generalised boundaries would disagree near edges.
- **LSOAs by point** only when the code is empty or in no loaded vintage: the LSOA of each vintage whose
  boundary covers the point.
- **Neighbourhood by point:** of the neighbourhoods whose boundary covers the point, the smallest wins (a
  cluster drawn around its neighbourhoods never takes their crimes); equal areas go to the lowest id.

``PostgisLinker`` answers with SQL (GiST indexes, each boundary prepared once for all its points);
``GeosLinker`` with GEOS prepared geometries through the ORM, on any spatial database. The importer (both
paths) and ``crime.services.crimes_relink`` call this module, nothing else decides a link.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from struct import pack
from typing import Any, Protocol

from django.contrib.gis.geos import Point, Polygon
from django.db import connection

from geography.models import LSOA, Neighbourhood

XY = tuple[float, float]
Item = tuple[str, XY | None]  # (LSOA code as published, point or None)


@dataclass(frozen=True)
class Links:
    lsoa: int | None  # LSOA 2011
    lsoa21: int | None  # LSOA 2021
    neighbourhood: int | None
    path: str  # how the LSOAs were found: "code", "point" or "none"


class Linker(Protocol):
    def links(self, items: Iterable[Item]) -> dict[Item, Links]: ...


class _Base:
    """What both backends share: LSOA ids by code, and the rule that combines the answers."""

    def __init__(self) -> None:
        self._codes: dict[str, dict[int, int]] | None = None  # code -> {vintage: id}
        self._nbh: dict[XY, int | None] = {}
        self._lsoa_at: dict[XY, dict[int, int]] = {}

    def codes(self) -> dict[str, dict[int, int]]:
        if self._codes is None:
            # Every loaded LSOA: ~35,000 per vintage nationally, one query.
            codes: dict[str, dict[int, int]] = {}
            for code, vintage, pk in LSOA.objects.values_list("code", "vintage", "pk").iterator(chunk_size=10_000):
                codes.setdefault(code, {})[vintage] = pk
            self._codes = codes
        return self._codes

    def links(self, items: Iterable[Item]) -> dict[Item, Links]:
        items = list(dict.fromkeys(items))
        codes = self.codes()
        points = {point for _, point in items if point is not None}
        self._learn_neighbourhoods(points - self._nbh.keys())
        fallback = {point for code, point in items if point is not None and code not in codes}
        self._learn_lsoas(fallback - self._lsoa_at.keys())
        out: dict[Item, Links] = {}
        for code, point in items:
            nbh = self._nbh[point] if point is not None else None
            by_code = codes.get(code)
            if by_code:
                out[(code, point)] = Links(by_code.get(2011), by_code.get(2021), nbh, "code")
            elif point is not None and self._lsoa_at[point]:
                found = self._lsoa_at[point]
                out[(code, point)] = Links(found.get(2011), found.get(2021), nbh, "point")
            else:
                out[(code, point)] = Links(None, None, nbh, "none")
        return out

    def _learn_neighbourhoods(self, points: set[XY]) -> None:
        raise NotImplementedError

    def _learn_lsoas(self, points: set[XY]) -> None:
        raise NotImplementedError


def _smallest(candidates: list[tuple[float, int]]) -> int | None:
    """The id of the smallest area; equal areas go to the lowest id."""
    return min(candidates)[1] if candidates else None


class GeosLinker(_Base):
    """The portable backend: candidates by bounding box through the ORM, tests in GEOS."""

    def __init__(self) -> None:
        super().__init__()
        # id -> (area, id, extent, prepared geometry), per table
        self._shapes: dict[str, dict[int, tuple[float, int, tuple[float, float, float, float], Any, int]]] = {
            "nbh": {},
            "lsoa": {},
        }

    def _load(self, kind: str, points: set[XY]) -> None:
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        box = Polygon.from_bbox((min(xs), min(ys), max(xs), max(ys)))
        box.srid = 4326
        shapes = self._shapes[kind]
        if kind == "nbh":
            rows = Neighbourhood.objects.filter(boundary__intersects=box).values_list("pk", "boundary", "pk")
        else:
            rows = LSOA.objects.filter(geometry__intersects=box).values_list("pk", "geometry", "vintage")
        for pk, geometry, group in rows.exclude(pk__in=list(shapes)):
            shapes[pk] = (geometry.area, pk, geometry.extent, geometry.prepared, group)

    def _covering(self, kind: str, x: float, y: float) -> list[tuple[float, int, int]]:
        point = Point(x, y, srid=4326)
        return [
            (area, pk, group)
            for area, pk, (x0, y0, x1, y1), prepared, group in self._shapes[kind].values()
            if x0 <= x <= x1 and y0 <= y <= y1 and prepared.covers(point)
        ]

    def _learn_neighbourhoods(self, points: set[XY]) -> None:
        if not points:
            return
        self._load("nbh", points)
        for x, y in points:
            self._nbh[(x, y)] = _smallest([(area, pk) for area, pk, _ in self._covering("nbh", x, y)])

    def _learn_lsoas(self, points: set[XY]) -> None:
        if not points:
            return
        self._load("lsoa", points)
        for x, y in points:
            found: dict[int, int] = {}
            for vintage in (2011, 2021):
                pk = _smallest([(area, pk) for area, pk, v in self._covering("lsoa", x, y) if v == vintage])
                if pk is not None:
                    found[vintage] = pk
            self._lsoa_at[(x, y)] = found


POINTS = "crime_link_points"
# A WGS84 point as hex EWKB: little-endian, type 1 (point) with the SRID flag, SRID 4326, then x and y.
EWKB_POINT_4326 = "0101000020E6100000"
# Every area covering each point. The areas lead the join, so PostGIS prepares each boundary once and tests
# all its points against it; the points' extent narrows the areas first.
_COVERING = """
SELECT q.i, a.id, a.grp
FROM (SELECT id, {geometry} AS geometry, {group} AS grp FROM {table}) a
CROSS JOIN LATERAL (SELECT q.i FROM {points} q WHERE ST_Covers(a.geometry, q.point)) q
WHERE a.geometry && (SELECT ST_Extent(point) FROM {points})
"""


def ewkb(point: XY) -> str:
    return EWKB_POINT_4326 + pack("<dd", *point).hex()


class PostgisLinker(_Base):
    """The PostgreSQL backend. CURSOR (a DB-API cursor in the caller's transaction) runs every query."""

    def __init__(self, cursor: Any | None = None) -> None:
        super().__init__()
        self._cursor = cursor
        self._areas: dict[tuple[str, int], float] = {}
        self._ready = False

    def cursor(self) -> Any:
        if self._cursor is None:
            self._cursor = connection.cursor()
        return self._cursor

    def codes(self) -> dict[str, dict[int, int]]:
        if self._codes is None:
            cursor = self.cursor()
            cursor.execute(f"SELECT code, vintage, id FROM {LSOA._meta.db_table}")
            codes: dict[str, dict[int, int]] = {}
            for code, vintage, pk in cursor.fetchall():
                codes.setdefault(code, {})[vintage] = pk
            self._codes = codes
        return self._codes

    def _covering(self, points: list[XY], table: str, geometry: str, group: str) -> dict[int, list[tuple[int, int]]]:
        cursor = self.cursor()
        if not self._ready:
            cursor.execute(f"DROP TABLE IF EXISTS {POINTS}")
            cursor.execute(f"CREATE TEMPORARY TABLE {POINTS} (i integer, point geometry(Point, 4326))")
            cursor.execute(f"CREATE INDEX ON {POINTS} USING gist (point)")
            self._ready = True
        cursor.execute(f"TRUNCATE {POINTS}")
        data = "".join(f"{i}\t{ewkb(point)}\n" for i, point in enumerate(points)).encode()
        cursor.copy_expert(f"COPY {POINTS} (i, point) FROM STDIN", io.BytesIO(data))
        cursor.execute(f"ANALYZE {POINTS}")
        cursor.execute(_COVERING.format(table=table, geometry=geometry, group=group, points=POINTS))
        covering: dict[int, list[tuple[int, int]]] = {}
        for i, pk, grp in cursor.fetchall():
            covering.setdefault(i, []).append((pk, grp))
        unknown = list(
            {pk for found in covering.values() for pk, _ in found} - {pk for t, pk in self._areas if t == table}
        )
        if unknown:
            # Areas asked once per area: a boundary can have thousands of vertices.
            cursor.execute(f"SELECT id, ST_Area({geometry}) FROM {table} WHERE id = ANY(%s)", [unknown])
            self._areas.update({(table, pk): area for pk, area in cursor.fetchall()})
        return covering

    def _learn_neighbourhoods(self, points: set[XY]) -> None:
        if not points:
            return
        wanted = sorted(points)  # neighbouring points follow each other
        table = Neighbourhood._meta.db_table
        covering = self._covering(wanted, table, "boundary", "0")
        for i, point in enumerate(wanted):
            found = covering.get(i, [])
            self._nbh[point] = _smallest([(self._areas[(table, pk)], pk) for pk, _ in found])

    def _learn_lsoas(self, points: set[XY]) -> None:
        if not points:
            return
        wanted = sorted(points)
        table = LSOA._meta.db_table
        covering = self._covering(wanted, table, "geometry", "vintage")
        for i, point in enumerate(wanted):
            found: dict[int, int] = {}
            for vintage in (2011, 2021):
                pks = [(self._areas[(table, pk)], pk) for pk, v in covering.get(i, []) if v == vintage]
                if pks:
                    found[vintage] = min(pks)[1]
            self._lsoa_at[point] = found

    def close(self) -> None:
        if self._ready:
            self.cursor().execute(f"DROP TABLE IF EXISTS {POINTS}")
            self._ready = False


def default_linker(cursor: Any | None = None) -> GeosLinker | PostgisLinker:
    """PostgisLinker on PostgreSQL, GeosLinker elsewhere."""
    return PostgisLinker(cursor) if connection.vendor == "postgresql" else GeosLinker()
