"""Benchmark P5: the LSOA map layer of one force: gzip payload size and warm p95 latency.

Run: .venv/bin/python bench/map_layer.py [--small] [--requests N]

Uses its own database (npt_bench_layer on the DATABASE_URL server, or NPT_BENCH_DATABASE). Loads the West
Yorkshire LSOA 2011 boundaries (1,388 polygons) and IoD2019, groups the LSOAs into one neighbourhood per
district, scores the force, then asks ``/api/deployment/layers/lsoas/?force=west-yorkshire`` through Django's
test client as a signed-in administrator: the first (cold) request builds and caches the layer; the warm
ones are served from the cache (Redis when REDIS_URL is set). The payload is gzipped at level 6, as a web
server would send it. ``--small``: fewer requests. Targets: <= 300 KB gzip and <= 100 ms warm p95.
Prints the figures per zoom and, last, ``ratio=<warm p95 / 100 ms target>`` at the force-wide zoom.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "npt.settings.test")
base = os.environ.get("DATABASE_URL", "postgis://postgres@127.0.0.1:5432/npt")
os.environ["DATABASE_URL"] = f"{base.rsplit('/', 1)[0]}/{os.environ.get('NPT_BENCH_DATABASE', 'npt_bench_layer')}"

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.gis.db.models import Union  # noqa: E402
from django.contrib.gis.geos import MultiPolygon  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from deployment.layers import layers_invalidate  # noqa: E402
from deployment.scoring import run_scores  # noqa: E402
from deployment.services import method_agreed  # noqa: E402
from geography.models import LSOA, DeprivationRecord, Force, Neighbourhood, NeighbourhoodLSOA  # noqa: E402

BOUNDARIES = "boundaries/west_yorkshire_lsoa11_bsc_v3.geojson"
IOD = ["iod/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz", "iod/File_6_-_IoD2019_Population_Denominators.csv.gz"]
DISTRICTS = ("Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield")
TARGET_MS = 100.0


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


def load(shared: Path) -> Force:
    from geography.importers.boundaries import import_lsoa_boundaries
    from geography.importers.imd import import_imd

    if not LSOA.objects.filter(vintage=2011, geometry__isnull=False).exists():
        import_lsoa_boundaries(str(shared / BOUNDARIES), vintage=2011)
    if not DeprivationRecord.objects.exists():
        for name in IOD:
            import_imd(str(shared / name))
    force, _ = Force.objects.get_or_create(slug="west-yorkshire", defaults={"name": "West Yorkshire Police"})
    for district in DISTRICTS:
        lsoas = LSOA.objects.filter(vintage=2011, geometry__isnull=False, name__startswith=f"{district} ")
        neighbourhood, created = Neighbourhood.objects.get_or_create(
            force=force, code=district[:3].upper(), defaults={"name": district}
        )
        if created:
            union = lsoas.aggregate(u=Union("geometry"))["u"]
            neighbourhood.boundary = MultiPolygon(union, srid=4326) if union.geom_type == "Polygon" else union
            neighbourhood.save(update_fields=["boundary"])
            NeighbourhoodLSOA.objects.bulk_create(
                [
                    NeighbourhoodLSOA(neighbourhood=neighbourhood, lsoa=lsoa, weight=1.0, method="spatial")
                    for lsoa in lsoas
                ]
            )
    method = method_agreed()
    assert method is not None
    run_scores(method=method, force=force)
    return force


def measure(client: Client, url: str, requests: int) -> tuple[float, list[float], int, int, int]:
    layers_invalidate()
    started = time.perf_counter()
    response = client.get(url)
    cold = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    body = response.content
    warm = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        warm.append((time.perf_counter() - started) * 1000)
    features = body.count(b'"Feature"')
    return cold, warm, len(body), len(gzip.compress(body, 6)), features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="20 warm requests per zoom instead of 100")
    parser.add_argument("--requests", type=int, default=None)
    args = parser.parse_args()
    requests = args.requests or (20 if args.small else 100)
    ensure_database()
    force = load(Path(settings.SHARED_DATA_DIR))
    setup_test_environment()
    user, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True, "is_staff": True})
    client = Client()
    client.force_login(user)
    p95_force_wide = 0.0
    print(f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
    for zoom in (9, 11, 13):
        url = f"{reverse('api-deployment:layer-lsoas')}?force={force.slug}&zoom={zoom}"
        cold, warm, raw, packed, features = measure(client, url, requests)
        p95 = statistics.quantiles(warm, n=20)[-1]
        if zoom == 9:
            p95_force_wide = p95
        print(
            f"zoom {zoom}: {features} polygons, {raw / 1024:.0f} KB raw, {packed / 1024:.0f} KB gzip; "
            f"cold {cold:.0f} ms; warm median {statistics.median(warm):.1f} ms, p95 {p95:.1f} ms ({requests} requests)"
        )
    print(f"ratio={p95_force_wide / TARGET_MS:.2f}")


if __name__ == "__main__":
    main()
