"""Benchmark P2: compute_deployment_scores nationally against one GROUP BY over the same crime table.

Run: .venv/bin/python bench/national_scores.py [--small] [--repeat N]

Uses its own database (npt_bench_scores on the DATABASE_URL server, or NPT_BENCH_DATABASE), created and
migrated when missing. Loads all 34,753 England and Wales LSOA 2011 boundaries and IoD2019 (Files 2 and 6:
ranks, deciles and populations), then generates 12 months of national-volume crime (about 6 million rows)
with the real category mix and per-LSOA pattern of the shared West Yorkshire files (the sorted per-LSOA
volumes dealt to the national LSOAs in a seeded shuffle; deterministic). ``--small``: West Yorkshire's
LSOAs and a twentieth of the volume, for a quick check.

Times (fastest of --repeat): the floor, ``SELECT lsoa_id, count(*) FROM crime_crime GROUP BY lsoa_id``; and one
national run of the agreed method (deployment.scoring.run_scores: reads, one crime pass, maths, COPY of every
LSOA and neighbourhood score, the swap to current). Prints both and, last, ``ratio=<scores/floor>``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import platform
import random
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "npt.settings.test")


def bench_database_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgis://postgres@127.0.0.1:5432/npt")
    server = base.rsplit("/", 1)[0]
    return f"{server}/{os.environ.get('NPT_BENCH_DATABASE', 'npt_bench_scores')}"


os.environ["DATABASE_URL"] = bench_database_url()

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from crime.categories import CATEGORY_SLUGS  # noqa: E402
from crime.models import Crime, CrimeRelease  # noqa: E402
from deployment.models import ScoreRun  # noqa: E402
from deployment.scoring import run_scores  # noqa: E402
from deployment.services import method_agreed  # noqa: E402
from geography.models import LSOA, DeprivationRecord  # noqa: E402

NATIONAL = "boundaries/lsoa11_ew_bsc_v3.geojson.gz"
WEST_YORKSHIRE = "boundaries/west_yorkshire_lsoa11_bsc_v3.geojson"
IOD = ["iod/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz", "iod/File_6_-_IoD2019_Population_Denominators.csv.gz"]
PATTERN = "crime/west-yorkshire"
FORCE = "bench-national"
MONTHS = [f"2024-{m:02d}-01" for m in range(1, 13)]
SEED = 20240101
BLANKS = "\t" * 6  # crime_id, location_text, lsoa_name, last_outcome, context, source_file: empty, not NULL


def ensure_database() -> None:
    db = settings.DATABASES["default"]
    admin = psycopg2.connect(
        dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"], password=db["PASSWORD"]
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')  # the bench's own name, not input
    admin.close()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    call_command("migrate", verbosity=0)


def load_geography(shared: Path, small: bool) -> None:
    from geography.importers.boundaries import import_lsoa_boundaries
    from geography.importers.imd import import_imd

    wanted = 1388 if small else 34753
    if LSOA.objects.filter(vintage=2011, geometry__isnull=False).count() < wanted:
        started = time.perf_counter()
        import_lsoa_boundaries(str(shared / (WEST_YORKSHIRE if small else NATIONAL)), vintage=2011)
        print(f"loaded LSOA boundaries in {time.perf_counter() - started:.1f} s")
    if not DeprivationRecord.objects.filter(edition=2019).exists():
        started = time.perf_counter()
        for name in IOD:
            import_imd(str(shared / name))
        print(f"loaded IoD2019 in {time.perf_counter() - started:.1f} s")


def pattern(shared: Path) -> tuple[list[int], list[tuple[str, float]]]:
    """The shared force files' per-LSOA volumes (largest first) and category mix."""
    per_lsoa: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    for path in sorted((shared / PATTERN).glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["LSOA code"]:
                    per_lsoa[row["LSOA code"]] += 1
                categories[CATEGORY_SLUGS.get(row["Crime type"], "other-crime")] += 1
    total = sum(categories.values())
    return sorted(per_lsoa.values(), reverse=True), [(c, n / total) for c, n in categories.most_common()]


def generate_crime(shared: Path, small: bool) -> int:
    target = (6_000_000 // 20) if small else 6_000_000
    if Crime.objects.filter(falls_within=FORCE).count() == target:
        return target
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE crime_crime")
    CrimeRelease.objects.filter(force=FORCE).delete()
    volumes, mix = pattern(shared)
    lsoas = list(LSOA.objects.filter(vintage=2011).order_by("code").values_list("pk", "code"))
    rng = random.Random(SEED)
    rng.shuffle(lsoas)
    weights = [volumes[i % len(volumes)] for i in range(len(lsoas))]
    per_month = target // len(MONTHS)
    scale = per_month / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(per_month - sum(counts)):  # the rounding remainder, one each to the largest
        counts[i % len(counts)] += 1
    names, shares = zip(*mix, strict=True)
    started = time.perf_counter()
    for month in MONTHS:
        buffer = io.StringIO()
        for (pk, code), n in zip(lsoas, counts, strict=True):
            for category in rng.choices(names, shares, k=n):
                buffer.write(
                    f"{uuid.UUID(int=rng.getrandbits(128))}\t{month}\t{FORCE}\t{FORCE}\t{code}\t{pk}\t{category}{BLANKS}\n"
                )
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(
                "COPY crime_crime (key, month, reported_by, falls_within, lsoa_code, lsoa_id, category, crime_id, "
                "location_text, lsoa_name, last_outcome, context, source_file) FROM STDIN",
                buffer,
            )
        CrimeRelease.objects.create(
            force=FORCE, month=month, source_file=f"{month[:7]}-{FORCE}-street.csv", sha256="0" * 64,
            rows=per_month, records=per_month,
        )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE crime_crime")
    print(f"generated {target:,} crimes in {time.perf_counter() - started:.1f} s")
    return target


def time_floor() -> float:
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute("SELECT lsoa_id, count(*) FROM crime_crime GROUP BY lsoa_id")
        cursor.fetchall()
        return time.perf_counter() - started


def time_scores() -> tuple[float, ScoreRun]:
    method = method_agreed()
    assert method is not None, "the agreed method comes with deployment's migrations"
    started = time.perf_counter()
    run = run_scores(method=method, force=None)
    return time.perf_counter() - started, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="West Yorkshire LSOAs and 1/20 of the volume")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    shared = Path(settings.SHARED_DATA_DIR)
    ensure_database()
    load_geography(shared, args.small)
    rows = generate_crime(shared, args.small)
    lsoas = LSOA.objects.filter(vintage=2011).count()
    floor = min(time_floor() for _ in range(args.repeat))
    runs = [time_scores() for _ in range(args.repeat)]
    scores, run = min(runs, key=lambda item: item[0])
    ScoreRun.objects.filter(scope="national", is_current=False).delete()  # keep the bench database small
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, PostgreSQL {connection.pg_version}")
    print(
        f"crimes: {rows:,} over {len(MONTHS)} months; LSOAs: {lsoas:,}; run #{run.pk}: {run.lsoa_count:,} LSOA scores"
    )
    print(f"floor (GROUP BY lsoa): {floor:.2f} s")
    print(f"compute_deployment_scores national: {scores:.2f} s")
    print(f"ratio={scores / floor:.2f}")


if __name__ == "__main__":
    main()
