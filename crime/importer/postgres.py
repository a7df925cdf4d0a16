"""The PostgreSQL fast path for a force-month's first release: checked rows COPYed into the crime table.

The links come from ``crime.linking`` (the one rule, PostGIS backend), asked once per distinct (LSOA code,
point): police.uk snaps crimes to a limited set of points, so there are far fewer of those than rows. Keys
the table already holds (another force-month's release) are skipped as duplicates. A helper thread drives
the database (link look-ups, COPY) while the main thread reads, checks and formats the next chunk; both use
the one connection, never at once, inside the caller's per-file transaction. Crime imports take a
transaction-level advisory lock (crime.importer.service), so no other import can add a key between the
check and the COPY. The thread is kept because it earns its keep: with a core free it saves about 25% of
the import (docs/benchmarks.md, 2026-11-24).

Why not a staging table with INSERT ... SELECT ... ON CONFLICT DO NOTHING: measured on 500,000 rows it
cost more than twice as much (an extra COPY, row-by-row inserts and speculative insertion on every row);
docs/benchmarks.md has the figures.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db import connection

from crime.importer.report import CrimeImportReport
from crime.importer.rows import Row
from crime.linking import Links, PostgisLinker, ewkb
from crime.models import Crime

CHUNK_ROWS = 25_000
FIRST_CHUNK_ROWS = 5_000  # small, so that the database starts work sooner
# The columns the main thread can fill come first; the worker adds the links and the location.
COLUMNS = (
    "key, crime_id, month, reported_by, falls_within, location_text, lsoa_code, lsoa_name, category, "
    "last_outcome, context, source_file, release_id, lsoa_id, lsoa21_id, location, neighbourhood_id"
)
Item = tuple[str, str, str]  # (LSOA code, longitude, latitude) as written


@dataclass(frozen=True)
class MonthPartition:
    """The partition of the crime table holding one month's keys (migration 0003, ADR 0015).

    Keys lead with the month as six hex digits, YYYYMM (ADR 0003), so the month's keys are the range
    [YYYYMM000..., next YYYYMM000...). A month's first release is COPYed into a new table with no index
    (the table cannot be seen by others until it is attached), then its primary key and the composite index
    are built in one sorted pass each, and it is attached: cheaper than maintaining both indexes row by row
    during the COPY (docs/benchmarks.md).
    """

    parent: str
    prefix: str  # YYYYMM
    upper: str  # the next month's YYYYMM

    @classmethod
    def of(cls, prefix: str, parent: str) -> MonthPartition | None:
        if len(prefix) != 6 or not prefix.isdigit() or not 1 <= int(prefix[4:]) <= 12:
            return None
        year, month = int(prefix[:4]), int(prefix[4:])
        upper = f"{year + 1}01" if month == 12 else f"{year}{month + 1:02d}"
        return cls(parent=parent, prefix=prefix, upper=upper)

    @property
    def name(self) -> str:
        return f"{self.parent}_y{self.prefix[:4]}m{self.prefix[4:]}"

    @property
    def bounds(self) -> tuple[str, str]:
        """The range as UUID literals, lower inclusive, upper exclusive."""
        return (_uuid(self.prefix + "0" * 26), _uuid(self.upper + "0" * 26))

    def create_sql(self) -> str:
        # The CHECK lets ATTACH skip its validating scan: each row is checked as it is COPYed instead.
        lower, upper = self.bounds
        return (
            f"CREATE TABLE {self.name} (LIKE {self.parent} INCLUDING DEFAULTS, "
            f"CONSTRAINT {self.name}_range CHECK (key >= '{lower}' AND key < '{upper}'))"
        )

    def attach_sql(self) -> list[str]:
        lower, upper = self.bounds
        return [
            f"ALTER TABLE {self.name} ADD CONSTRAINT {self.name}_pkey PRIMARY KEY (key)",
            f"CREATE INDEX {self.name}_nbh_month_cat ON {self.name} (neighbourhood_id, month, category)",
            f"ALTER TABLE {self.parent} ATTACH PARTITION {self.name} FOR VALUES FROM ('{lower}') TO ('{upper}')",
        ]


def _uuid(hex32: str) -> str:
    return f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:]}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _text(pk: int | None) -> str:
    return "\\N" if pk is None else str(pk)


def _suffix(item: Item, links: Links) -> str:
    """The end of a COPY line: LSOA 2011, LSOA 2021, location, neighbourhood.

    The location is EWKB packed by ``crime.linking.ewkb``, not GEOS's ``Point.hexewkb`` (the same bytes):
    for the 22,500 distinct points of the 500,000-row benchmark GEOS took 0.53 s against 0.01 s, about 8%
    of the whole import (measured 2026-11-24 on the shared machine).
    """
    location = ewkb((float(item[1]), float(item[2]))) if item[1] else "\\N"
    return f"{_text(links.lsoa)}\t{_text(links.lsoa21)}\t{location}\t{_text(links.neighbourhood)}\n"


@dataclass
class _Batch:
    """One chunk of COPY lines. A line whose (code, point) is new lacks its links and location (pending)."""

    keys: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    done: list[bool] = field(default_factory=list)
    data: bytes | None = None  # the COPY data, when the main thread could complete every line


class _Formatter:
    """Main thread: drops keys repeated within the file and formats the COPY lines.

    Links are found by the worker; SUFFIXES is its (growing) record of them, so once a (code, point) has
    been seen its rows are complete here and the worker only has to COPY them.
    """

    def __init__(self, *, source_file: str, release: int, suffixes: dict[Item, tuple[str, Links]]):
        self.tail = f"{_escape(source_file)}\t{release}\t"
        self.suffixes = suffixes
        self.seen: set[str] = set()  # keys of this file, so a repeated Crime ID counts once

    def batch(self, rows: list[Row]) -> _Batch:
        batch = _Batch()
        seen, tail, suffixes = self.seen, self.tail, self.suffixes
        for key, cid, month, rep, falls, lon, lat, loc, code, lname, cat, outcome, ctx in rows:
            if key in seen:
                continue
            seen.add(key)
            line = f"{key}\t{cid}\t{month}\t{rep}\t{falls}\t{loc}\t{code}\t{lname}\t{cat}\t{outcome}\t{ctx}\t"
            # Real files almost never hold these characters, so escaping is the rare slow path.
            if line.count("\t") != 11 or "\\" in line or "\r" in line or "\n" in line:
                cid, rep, falls, loc, lname, outcome, ctx = map(_escape, (cid, rep, falls, loc, lname, outcome, ctx))
                line = f"{key}\t{cid}\t{month}\t{rep}\t{falls}\t{loc}\t{code}\t{lname}\t{cat}\t{outcome}\t{ctx}\t"
            item = (code, lon, lat)
            known = suffixes.get(item)
            line += tail
            if known:
                line += known[0]
            batch.keys.append(key)
            batch.lines.append(line)
            batch.items.append(item)
            batch.done.append(known is not None)
        if all(batch.done):
            batch.data = "".join(batch.lines).encode()
        return batch


class _Worker:
    """Helper thread: skips known keys, links new (code, point)s, and COPYs each batch."""

    def __init__(self, report: CrimeImportReport) -> None:
        # Taken in the main thread: ``connection`` is per thread, and the worker must use this one.
        self.raw = connection.connection  # the psycopg2 connection, inside the caller's transaction
        self.errors = connection.wrap_database_errors  # raises Django's exceptions, as the ORM would
        self.month_had_rows: dict[str, bool] = {}  # key prefix (YYYYMM) -> the table held crimes of it before
        self.suffixes: dict[Item, tuple[str, Links]] = {}  # (code, point) -> (COPY text, links)
        self.cursor = self.raw.cursor()
        self.linker = PostgisLinker(self.cursor)
        self.linker.codes()  # now, while the main thread waits
        self.crime = Crime._meta.db_table
        self.target = self.crime  # where the rows are COPYed: the crime table, or a new month partition
        self.partition: MonthPartition | None = None
        self.report = report

    def load(self, batch: _Batch) -> None:
        """COPY BATCH; counts go to the report (only this thread writes them while it runs)."""
        with self.errors:
            cursor = self.cursor
            batch = self._unknown_keys(cursor, batch)
            if self.partition is None and self.target == self.crime and not self.report.imported:
                self._maybe_partition(cursor, batch)
            if not batch.data:
                pending = {item for item, done in zip(batch.items, batch.done, strict=True) if not done}
                self._link(pending - self.suffixes.keys())
                for i, done in enumerate(batch.done):
                    if not done:
                        batch.lines[i] += self.suffixes[batch.items[i]][0]
            data = batch.data or "".join(batch.lines).encode()
            if data:
                cursor.copy_expert(f"COPY {self.target} ({COLUMNS}) FROM STDIN", io.BytesIO(data), size=len(data))
        report = self.report
        for item, rows in Counter(batch.items).items():  # per distinct (code, point): far fewer than rows
            links = self.suffixes[item][1]
            report.count_link(links.path, links.neighbourhood is not None, not item[1], rows)
        report.imported += len(batch.lines)

    def _link(self, items: set[Item]) -> None:
        if not items:
            return
        asked = {item: (item[0], (float(item[1]), float(item[2])) if item[1] else None) for item in items}
        found = self.linker.links(asked.values())
        for item, question in asked.items():
            self.suffixes[item] = (_suffix(item, found[question]), found[question])

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
            items=[batch.items[i] for i in keep],
            done=[batch.done[i] for i in keep],
        )

    def _maybe_partition(self, cursor: Any, batch: _Batch) -> None:
        """Load a month the crime table has no rows of, and no partition for, into a new unindexed table."""
        prefixes = {key[:6] for key in batch.keys}
        if len(prefixes) != 1:
            return
        (prefix,) = prefixes
        if self.month_had_rows[prefix]:
            return
        partition = MonthPartition.of(prefix, self.crime)
        if partition is None:
            return
        cursor.execute("SELECT to_regclass(%s) IS NULL", [partition.name])
        if not cursor.fetchone()[0]:
            return  # an (empty) partition exists: its indexes are kept up to date row by row
        cursor.execute(partition.create_sql())
        self.partition, self.target = partition, partition.name

    def finish(self) -> None:
        """Index a new month partition (sorted builds) and attach it to the crime table."""
        if self.partition is not None:
            with self.errors:
                for sql in self.partition.attach_sql():
                    self.cursor.execute(sql)

    def close(self) -> None:
        self.linker.close()
        self.cursor.close()


def import_rows_copy(
    rows: Iterator[Row],
    *,
    source_file: str,
    release: int,
    report: CrimeImportReport,
    checkpoint: Callable[[], None],
) -> None:
    """COPY the new ROWS into the crime table with their links, as RELEASE; counts go to REPORT.

    Runs in the caller's transaction.
    """
    worker = _Worker(report)
    formatter = _Formatter(source_file=source_file, release=release, suffixes=worker.suffixes)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="crime-copy") as pool:
        loading: Future[None] | None = None
        size = FIRST_CHUNK_ROWS
        while chunk := list(islice(rows, size)):
            size = CHUNK_ROWS
            batch = formatter.batch(chunk)
            if loading is not None:
                loading.result()
            checkpoint()  # the connection is free: report progress; stop a failed strict import
            loading = pool.submit(worker.load, batch)
        if loading is not None:
            loading.result()
    checkpoint()
    worker.finish()
    worker.close()
