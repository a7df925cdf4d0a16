"""The PostgreSQL fast path: checked rows are COPYed straight into the crime table, in chunks.

The links are found in the database: LSOAs by code and vintage, and for each distinct point not seen
before the neighbourhood whose boundary covers it (ST_Covers through the boundaries' GiST index; police.uk
snaps crimes to a limited set of points, so there are far fewer points than rows). Keys the table already
holds are skipped as duplicates. A helper thread drives the database (point look-ups, COPY) while the main
thread reads, checks and formats the next chunk; both use the one connection, never at once, inside the
caller's per-file transaction. Crime imports take a transaction-level advisory lock, so no other import
can add a key between the check and the COPY.

Why not a staging table with INSERT ... SELECT ... ON CONFLICT DO NOTHING: measured on 500,000 rows it
cost more than twice as much (an extra COPY, row-by-row inserts and speculative insertion on every row);
docs/benchmarks.md has the figures.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from struct import pack
from typing import Any

from django.db import connection

from crime.importer.report import CrimeImportReport
from crime.importer.rows import Row
from crime.models import Crime
from geography.models import LSOA, Neighbourhood

CHUNK_ROWS = 25_000
FIRST_CHUNK_ROWS = 5_000  # small, so that the database starts work sooner
# One crime import at a time per database: the pg_advisory_xact_lock key ("crime" in ASCII).
LOCK_KEY = 0x6372696D65
# The columns the main thread can fill come first; the worker adds location and neighbourhood.
COLUMNS = (
    "key, crime_id, month, reported_by, falls_within, location_text, lsoa_code, lsoa_name, lsoa_id, category, "
    "last_outcome, context, source_file, location, neighbourhood_id"
)
# A WGS84 point as hex EWKB: little-endian, type 1 (point) with the SRID flag, SRID 4326, then x and y.
EWKB_POINT_4326 = "0101000020E6100000"
UNLOCATED = "\\N\t\\N\n"

POINTS = "crime_import_points"
_CREATE_POINTS = [
    f"DROP TABLE IF EXISTS {POINTS}",
    f"CREATE TEMPORARY TABLE {POINTS} (i integer, point geometry(Point, 4326))",
    f"CREATE INDEX ON {POINTS} USING gist (point)",
]
# Every neighbourhood covering each new point; the worker keeps the smallest (see _Worker._locate).
# Neighbourhoods lead the join, so PostGIS prepares each boundary once and tests all its points against it.
_LOCATE = """
SELECT q.i, nb.id
FROM {neighbourhood} nb
CROSS JOIN LATERAL (SELECT q.i FROM {points} q WHERE ST_Covers(nb.boundary, q.point)) q
WHERE nb.boundary && (SELECT ST_Extent(point) FROM {points})
"""


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _as_floats(point: tuple[str, str]) -> tuple[float, float]:
    return float(point[0]), float(point[1])


@dataclass
class _Batch:
    """One chunk of COPY lines. A line whose point is new lacks its location and neighbourhood (pending)."""

    keys: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    points: list[tuple[str, str] | None] = field(default_factory=list)
    linked_lsoa: list[bool] = field(default_factory=list)
    linked_neighbourhood: list[bool | None] = field(default_factory=list)  # None while pending
    data: bytes | None = None  # the COPY data, when the main thread could complete every line


class _Formatter:
    """Main thread: drops keys repeated within the file and formats the COPY lines with their links.

    Points are looked up by the worker; SUFFIXES is its (growing) record of them, so once a point has
    been seen its rows are complete here and the worker only has to COPY them.
    """

    def __init__(self, *, source_file: str, suffixes: dict[tuple[str, str], tuple[str, bool]]):
        self.source = _escape(source_file)
        self.suffixes = suffixes
        self.seen: set[str] = set()  # keys of this file, so a repeated Crime ID counts once
        self.lsoa_ids: dict[tuple[str, int], str] = {}  # (code, vintage) -> id as text
        self.vintages: set[int] = set()  # vintages whose LSOA ids are loaded

    def load_lsoas(self, vintages: set[int]) -> None:
        """Load the LSOA ids of VINTAGES: one query each, and the whole country is only ~35,000 rows."""
        with connection.cursor() as cursor:
            for vintage in vintages - self.vintages:
                cursor.execute(f"SELECT code, id FROM {LSOA._meta.db_table} WHERE vintage = %s", [vintage])
                self.lsoa_ids.update({(code, vintage): str(pk) for code, pk in cursor.fetchall()})
                self.vintages.add(vintage)

    def batch(self, rows: list[Row]) -> _Batch:
        batch = _Batch()
        seen, lsoa_ids, source, suffixes = self.seen, self.lsoa_ids, self.source, self.suffixes
        for key, cid, month, rep, falls, lon, lat, loc, code, lname, vintage, cat, outcome, ctx in rows:
            if key in seen:
                continue
            seen.add(key)
            lsoa_id = lsoa_ids.get((code, vintage), "\\N")
            line = f"{key}\t{cid}\t{month}\t{rep}\t{falls}\t{loc}\t{code}\t{lname}\t{lsoa_id}\t{cat}\t{outcome}\t{ctx}\t{source}\t"
            # Real files almost never hold these characters, so escaping is the rare slow path.
            if line.count("\t") != 13 or "\\" in line or "\r" in line or "\n" in line:
                cid, rep, falls, loc, lname, outcome, ctx = map(_escape, (cid, rep, falls, loc, lname, outcome, ctx))
                line = f"{key}\t{cid}\t{month}\t{rep}\t{falls}\t{loc}\t{code}\t{lname}\t{lsoa_id}\t{cat}\t{outcome}\t{ctx}\t{source}\t"
            point = (lon, lat) if lon else None
            linked: bool | None = False
            if point is None:
                line += UNLOCATED
            elif known := suffixes.get(point):
                line += known[0]
                linked = known[1]
            else:
                linked = None
            batch.keys.append(key)
            batch.lines.append(line)
            batch.points.append(point)
            batch.linked_lsoa.append(lsoa_id != "\\N")
            batch.linked_neighbourhood.append(linked)
        if None not in batch.linked_neighbourhood:
            batch.data = "".join(batch.lines).encode()
        return batch


class _Worker:
    """Helper thread: skips known keys, finds the neighbourhoods of new points, and COPYs each batch."""

    def __init__(self) -> None:
        # Taken in the main thread: ``connection`` is per thread, and the worker must use this one.
        self.raw = connection.connection  # the psycopg2 connection, inside the caller's transaction
        self.errors = connection.wrap_database_errors  # raises Django's exceptions, as the ORM would
        self.month_had_rows: dict[str, bool] = {}  # key prefix (YYYYMM) -> the table held crimes of it before
        self.suffixes: dict[tuple[str, str], tuple[str, bool]] = {}  # point -> (COPY text, has a neighbourhood)
        self.areas: dict[int, float] = {}  # neighbourhood id -> boundary area (square degrees)
        self.crime = Crime._meta.db_table

    def load(self, batch: _Batch) -> tuple[int, int, int, int]:
        """COPY BATCH; returns (imported, linked to an LSOA, linked to a neighbourhood, unlocated)."""
        with self.errors, self.raw.cursor() as cursor:
            batch = self._unknown_keys(cursor, batch)
            pending = [] if batch.data else [i for i, linked in enumerate(batch.linked_neighbourhood) if linked is None]
            if pending:
                points = {batch.points[i] for i in pending}
                self._locate(cursor, {point for point in points if point} - self.suffixes.keys())
                for i in pending:
                    suffix, linked = self.suffixes[batch.points[i]]  # type: ignore[index]
                    batch.lines[i] += suffix
                    batch.linked_neighbourhood[i] = linked
            data = batch.data or "".join(batch.lines).encode()
            if data:
                cursor.copy_expert(f"COPY {self.crime} ({COLUMNS}) FROM STDIN", io.BytesIO(data), size=len(data))
        return (
            len(batch.lines),
            sum(batch.linked_lsoa),
            sum(1 for linked in batch.linked_neighbourhood if linked),
            batch.points.count(None),
        )

    def _unknown_keys(self, cursor: Any, batch: _Batch) -> _Batch:
        # Keys lead with the month (ADR 0003), so one index probe tells whether a month is new to the table;
        # only rows of months that already had crimes need their keys checked one by one.
        prefixes = {key[:6] for key in batch.keys}
        for prefix in prefixes - self.month_had_rows.keys():
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {self.crime} WHERE key >= %s::uuid AND key <= %s::uuid)",
                [prefix + "0" * 26, prefix + "f" * 26],
            )
            self.month_had_rows[prefix] = cursor.fetchone()[0]
        if not any(self.month_had_rows[prefix] for prefix in prefixes):
            return batch
        check = [key for key in batch.keys if self.month_had_rows[key[:6]]]
        cursor.execute(f"SELECT replace(key::text, '-', '') FROM {self.crime} WHERE key = ANY(%s::uuid[])", [check])
        known = {key for (key,) in cursor.fetchall()}
        if not known:
            return batch
        keep = [i for i, key in enumerate(batch.keys) if key not in known]
        return _Batch(  # without data: the lines left must be joined again
            keys=[batch.keys[i] for i in keep],
            lines=[batch.lines[i] for i in keep],
            points=[batch.points[i] for i in keep],
            linked_lsoa=[batch.linked_lsoa[i] for i in keep],
            linked_neighbourhood=[batch.linked_neighbourhood[i] for i in keep],
        )

    def _locate(self, cursor: Any, new: set[tuple[str, str]]) -> None:
        if not new:
            return
        # Sorted, so that neighbouring points follow each other.
        wanted = sorted(new, key=_as_floats)
        ewkbs = [EWKB_POINT_4326 + pack("<dd", *_as_floats(point)).hex() for point in wanted]
        cursor.execute(f"TRUNCATE {POINTS}")
        data = "".join(f"{i}\t{ewkb}\n" for i, ewkb in enumerate(ewkbs, 1)).encode()
        cursor.copy_expert(f"COPY {POINTS} (i, point) FROM STDIN", io.BytesIO(data))
        cursor.execute(f"ANALYZE {POINTS}")
        cursor.execute(_LOCATE.format(points=POINTS, neighbourhood=Neighbourhood._meta.db_table))
        covering: dict[int, list[int]] = {}
        for i, pk in cursor.fetchall():
            covering.setdefault(i, []).append(pk)
        self._learn_areas(cursor, {pk for pks in covering.values() for pk in pks})
        for i, (point, ewkb) in enumerate(zip(wanted, ewkbs, strict=True), 1):
            # The smallest covering neighbourhood wins, so a cluster drawn around its neighbourhoods never
            # takes their crimes; ties go to the lowest id, as in the ORM fallback.
            pks = covering.get(i)
            if pks:
                nid = min(pks, key=lambda pk: (self.areas[pk], pk))
                self.suffixes[point] = (f"{ewkb}\t{nid}\n", True)
            else:
                self.suffixes[point] = (f"{ewkb}\t\\N\n", False)

    def _learn_areas(self, cursor: Any, pks: set[int]) -> None:
        """Areas of the neighbourhoods PKS, asked once each (a boundary can have thousands of vertices)."""
        unknown = list(pks - self.areas.keys())
        if unknown:
            cursor.execute(
                f"SELECT id, ST_Area(boundary) FROM {Neighbourhood._meta.db_table} WHERE id = ANY(%s)", [unknown]
            )
            self.areas.update(cursor.fetchall())


def import_rows_copy(
    rows: Iterator[Row], *, source_file: str, report: CrimeImportReport, checkpoint: Callable[[], None]
) -> None:
    """COPY the new ROWS into the crime table with their links; counts go to REPORT.

    Runs in the caller's transaction; the advisory lock is held until it ends.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        for statement in _CREATE_POINTS:
            cursor.execute(statement)
    worker = _Worker()
    formatter = _Formatter(source_file=source_file, suffixes=worker.suffixes)

    def add(counts: tuple[int, int, int, int]) -> None:
        report.imported += counts[0]
        report.linked_lsoa += counts[1]
        report.linked_neighbourhood += counts[2]
        report.unlocated += counts[3]

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="crime-copy") as pool:
        loading: Future[tuple[int, int, int, int]] | None = None
        size = FIRST_CHUNK_ROWS
        while chunk := list(islice(rows, size)):
            size = CHUNK_ROWS
            vintages = {row[10] for row in chunk} - formatter.vintages
            if vintages:
                if loading is not None:  # the connection must be free for the look-up
                    add(loading.result())
                    loading = None
                formatter.load_lsoas(vintages)
            batch = formatter.batch(chunk)
            if loading is not None:
                add(loading.result())
            checkpoint()  # the connection is free: report progress; stop a failed strict import
            loading = pool.submit(worker.load, batch)
        if loading is not None:
            add(loading.result())
    checkpoint()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {POINTS}")
