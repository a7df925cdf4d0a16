"""Benchmark P1: import_crimes on 500,000 police.uk rows against a raw PostgreSQL COPY of the same file.

Run: .venv/bin/python bench/import_crimes.py [--rows N] [--repeat N]

Uses its own database (npt_bench on the DATABASE_URL server, created and migrated when missing). The CSV
replicates the real West Yorkshire rows from the shared data as one month (2016-07, a first release of
that force-month) with fresh unique Crime IDs; rows without an ID (ASB) stay ASB and get distinct keys through their occurrence number, so every row is imported. The WY
LSOA 2011 boundaries and a handful of neighbourhoods are loaded first, so LSOA and spatial linking are
part of the timed work. Each is run --repeat times (the fastest counts: the machine may be shared).
Prints both times, rows/s and, last, ``ratio=<import/copy>``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "npt.settings.test")


def bench_database_url() -> str:
    """DATABASE_URL's server with the database name swapped for npt_bench (or NPT_BENCH_DATABASE)."""
    base = os.environ.get("DATABASE_URL", "postgis://postgres@127.0.0.1:5432/npt")
    server = base.rsplit("/", 1)[0]
    return f"{server}/{os.environ.get('NPT_BENCH_DATABASE', 'npt_bench')}"


os.environ["DATABASE_URL"] = bench_database_url()

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.gis.db.models import Union  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from crime.importer import HEADER, import_crimes  # noqa: E402
from crime.models import Crime, CrimeRelease  # noqa: E402
from geography.models import LSOA, Force, Neighbourhood  # noqa: E402

WY_LSOAS = "boundaries/west_yorkshire_lsoa11_bsc_v3.geojson"
WY_CRIME = "crime/west-yorkshire"
DISTRICTS = ("Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield")


def ensure_database() -> None:
    db = settings.DATABASES["default"]
    admin = psycopg2.connect(
        dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"], password=db["PASSWORD"]
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    admin.close()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    call_command("migrate", verbosity=0)


def load_geography(shared: Path) -> None:
    """The WY LSOA 2011 boundaries, then one neighbourhood per district (the union of its LSOAs)."""
    if not LSOA.objects.filter(vintage=2011).exists():
        try:
            from geography.importers.boundaries import import_lsoa_boundaries
        except ImportError:  # pragma: no cover - only before the geography importer existed
            sys.exit("geography.importers.boundaries.import_lsoa_boundaries is missing")
        import_lsoa_boundaries(shared / WY_LSOAS, vintage=2011)
    force, _ = Force.objects.get_or_create(slug="west-yorkshire", defaults={"name": "West Yorkshire Police"})
    for number, district in enumerate(DISTRICTS, 1):
        if Neighbourhood.objects.filter(force=force, code=f"BENCH{number}").exists():
            continue
        union = LSOA.objects.filter(vintage=2011, name__startswith=f"{district} ").aggregate(u=Union("geometry"))["u"]
        if union.geom_type == "Polygon":
            from django.contrib.gis.geos import MultiPolygon

            union = MultiPolygon(union, srid=4326)
        Neighbourhood.objects.create(force=force, code=f"BENCH{number}", name=f"{district} (bench)", boundary=union)


def build_csv(shared: Path, rows: int, target: Path) -> int:
    """ROWS police.uk rows made from the real WY months, each crime with a fresh unique Crime ID."""
    source: list[list[str]] = []
    for path in sorted((shared / WY_CRIME).glob("*-street.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            source += list(reader)
    with open(target, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        for number in range(rows):
            row = list(source[number % len(source)])
            row[1] = "2016-07"  # one force-month release, as police.uk files are (ADR 0007)
            if row[0]:
                row[0] = hashlib.sha256(f"bench-{number}".encode()).hexdigest()
            writer.writerow(row)
    return rows


def month_partitions() -> list[str]:
    """The crime table's month partitions (migration 0003), if the code under test has them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = to_regclass(%s) AND c.relname <> %s",
            [Crime._meta.db_table, f"{Crime._meta.db_table}_default"],
        )
        return [name for (name,) in cursor.fetchall()]


def time_import(path: Path, *, keep_partitions: bool = False) -> tuple[float, int]:
    """import_crimes on PATH into a freshly emptied crime table (and no releases: a first release).

    The month's partition is dropped first, so the import loads a month new to the database, unless
    KEEP_PARTITIONS: then it COPYs into the month's existing, empty and indexed partition, as every force
    after the first of a month does.
    """
    with connection.cursor() as cursor:
        if not keep_partitions:
            for name in month_partitions():
                cursor.execute(f"DROP TABLE {name}")
        cursor.execute(f"TRUNCATE {Crime._meta.db_table}, {CrimeRelease._meta.db_table}")
        cursor.execute(f"VACUUM ANALYZE {Crime._meta.db_table}")
        cursor.execute("CHECKPOINT")
    started = time.perf_counter()
    reports = import_crimes([path])
    elapsed = time.perf_counter() - started
    return elapsed, sum(report.imported for report in reports)


def time_copy(path: Path) -> float:
    """A plain COPY of the same CSV into a new, unindexed table of 12 text columns."""
    columns = ", ".join(f"c{n} text" for n in range(12))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_copy")
        cursor.execute(f"CREATE TABLE bench_raw_copy ({columns})")
        cursor.execute("CHECKPOINT")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor, open(path, encoding="utf-8") as handle:
        cursor.copy_expert("COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)", handle, size=1 << 20)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw_copy")
    return elapsed


def machine() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    return f"{os.cpu_count()} CPUs, Python {platform.python_version()}, PostgreSQL {server}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts (default 3)")
    parser.add_argument(
        "--keep-partitions",
        action="store_true",
        help="import into the month's existing (emptied, indexed) partition instead of a new one",
    )
    args = parser.parse_args()
    shared = Path(settings.SHARED_DATA_DIR)
    ensure_database()
    load_geography(shared)
    print(f"machine: {machine()}; database {settings.DATABASES['default']['NAME']}")
    print(f"geography: {LSOA.objects.count()} LSOAs, {Neighbourhood.objects.count()} neighbourhoods")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2016-07-bench-street.csv"
        rows = build_csv(shared, args.rows, path)
        print(f"file: {rows:,} rows, {path.stat().st_size / 1e6:.1f} MB")
        imports, copies = [], []
        for run in range(1, args.repeat + 1):
            seconds, imported = time_import(path, keep_partitions=args.keep_partitions)
            imports.append(seconds)
            copies.append(time_copy(path))
            print(f"run {run}: import_crimes {seconds:.2f} s ({imported:,} rows), raw COPY {copies[-1]:.2f} s")
            assert imported == rows, f"imported {imported:,} of {rows:,} rows"
    import_seconds, copy_seconds = min(imports), min(copies)
    print(f"import_crimes: {import_seconds:.2f} s, {rows:,} rows, {rows / import_seconds:,.0f} rows/s")
    print(f"raw COPY:      {copy_seconds:.2f} s, {rows:,} rows, {rows / copy_seconds:,.0f} rows/s")
    print(f"ratio={import_seconds / copy_seconds:.2f}")


if __name__ == "__main__":
    main()
