"""Benchmark P3 (issue 14): 20 concurrent users against gunicorn on loopback, with a force-sized dataset.

Run: .venv/bin/python bench/load.py [--users 20] [--seconds 60] [--neighbourhoods 100] [--rebuild]

Uses its own database (npt_load on the DATABASE_URL server, or NPT_BENCH_DATABASE), built once and kept:
- ``load_demo --real``: the West Yorkshire LSOA 2011 boundaries, IoD2019 Files 1, 2 and 6, the three real West
  Yorkshire crime months, the demo neighbourhoods and one login per role;
- nine more months of crime made from the real rows (each real month's rows under a later month, with fresh
  Crime IDs), so the crime table holds twelve months at the force's real volume (about 350,000 rows);
- more neighbourhoods, each three real MSOAs of the force (their LSOAs), up to --neighbourhoods in all, each with
  a started profile, an active priority, a draft SARA plan and an engagement event.
Then gunicorn serves the app on a free loopback port, and locust (as a library, headless) runs the users: officers
view and edit their profile, sergeants open the SARA dashboard and the priorities, partners read the portal,
analysts fetch the deployment map layer, and anonymous clients call the police.uk API. Every user also asks the
bare view (``/healthz/``: no database, no template), so its latency is measured under the same load.
Prints p50 and p95 per page and the error count, then ``ratio=<worst page p95 / bare p95>`` (target <= 3.0 with
0 errors; docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "npt.settings.test")
BASE_URL = os.environ.get("DATABASE_URL", "postgis://postgres@127.0.0.1:5432/npt")
os.environ["DATABASE_URL"] = f"{BASE_URL.rsplit('/', 1)[0]}/{os.environ.get('NPT_BENCH_DATABASE', 'npt_load')}"

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.gis.geos import Point  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from crime.importer import import_crimes  # noqa: E402
from crime.models import Crime  # noqa: E402
from engagement.event_services import event_create  # noqa: E402
from geography.models import LSOA, Force, Neighbourhood, Vintage  # noqa: E402
from priorities.models import Priority  # noqa: E402
from priorities.services import priority_activate, priority_propose  # noqa: E402
from problem_solving.models import Plan  # noqa: E402
from problem_solving.services import plan_create  # noqa: E402
from profiles.services import profile_ensure  # noqa: E402

FORCE = "west-yorkshire"
WY_CRIME = "crime/west-yorkshire"
PASSWORD = "bench-load-password"
LATER_MONTHS = [f"2016-{m:02d}" for m in range(10, 13)] + [f"2017-{m:02d}" for m in range(1, 7)]


def ensure_database() -> None:
    db = settings.DATABASES["default"]
    admin = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"])
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    admin.close()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    call_command("migrate", verbosity=0)


def later_months(shared: Path, folder: Path) -> list[str | Path]:
    """Nine more force-month files: the real months' rows again under later months, with fresh Crime IDs."""
    sources = sorted((shared / WY_CRIME).glob("*-street.csv.gz"))
    paths: list[str | Path] = []
    for number, month in enumerate(LATER_MONTHS):
        source = sources[number % len(sources)]
        target = folder / f"{month}-west-yorkshire-street.csv.gz"
        with gzip.open(source, "rt", encoding="utf-8", newline="") as inp, gzip.open(target, "wt", newline="") as out:
            reader, writer = csv.reader(inp), csv.writer(out)
            writer.writerow(next(reader))
            for row in reader:
                row[1] = month
                if row[0]:
                    row[0] = hashlib.sha256(f"{row[0]}|{month}".encode()).hexdigest()
                writer.writerow(row)
        paths.append(target)
    return paths


def more_neighbourhoods(force: Force, wanted: int) -> list[Neighbourhood]:
    """Neighbourhoods of three real MSOAs each (their LSOAs), until the force has WANTED."""
    from demo.writer import SyncStats, sync_members

    by_msoa: dict[str, list[LSOA]] = {}
    for lsoa in LSOA.objects.filter(vintage=Vintage.V2011).with_boundary().order_by("code"):
        by_msoa.setdefault(re.sub(r"[A-Z]$", "", lsoa.name).strip(), []).append(lsoa)
    taken = set(LSOA.objects.filter(memberships__neighbourhood__force=force).values_list("pk", flat=True))
    free = [lsoas for _, lsoas in sorted(by_msoa.items()) if not any(lsoa.pk in taken for lsoa in lsoas)]
    created = []
    have = Neighbourhood.objects.filter(force=force).count()
    stats = SyncStats()
    for number in range(max(0, wanted - have)):
        group = free[number * 3 : number * 3 + 3]
        if len(group) < 3:
            break
        lsoas = [lsoa for msoa in group for lsoa in msoa]
        neighbourhood = Neighbourhood.objects.create(
            force=force, code=f"LOAD{number:03d}", name=f"{lsoas[0].name[:-4].strip()} area {number} (bench)"
        )
        sync_members(neighbourhood=neighbourhood, lsoas=lsoas, geometry_changed=True, stats=stats)
        created.append(neighbourhood)
    return created


def furnish(neighbourhood: Neighbourhood, officer: User) -> None:
    """A started profile, an active priority with a draft plan, and a past engagement event."""
    profile_ensure(neighbourhood=neighbourhood, by=officer)
    priority = priority_propose(
        neighbourhood=neighbourhood,
        values={"title": "Anti-social behaviour near the shops", "problem": "Groups gathering after dark."},
        actor=officer,
    )
    priority_activate(
        priority=priority,
        echr_checked=True,
        echr_note="Proportionate: targets behaviour in one place.",
        loaded_version=priority.version,
        actor=officer,
    )
    plan_create(neighbourhood=neighbourhood, title="Shops ASB", owner_name="PC Bench", priority=priority, actor=officer)
    assert neighbourhood.boundary is not None  # sync_members set it from the LSOAs
    x, y = neighbourhood.boundary.point_on_surface.coords
    starts = timezone.now() - dt.timedelta(days=7)
    event_create(
        neighbourhood=neighbourhood,
        values={
            "kind": "street_briefing",
            "title": "Street briefing at the shops",
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=1),
            "address": "The parade of shops",
            "location": Point(x, y, srid=4326),
        },
        actor=officer,
    )


def build(shared: Path, wanted: int) -> None:
    started = time.perf_counter()
    call_command("load_demo", "--real", verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        for report in import_crimes(later_months(shared, Path(folder))):
            print(f"  {report.lines()[0] if report.lines() else report}")
    force = Force.objects.get(slug=FORCE)
    officer = User.objects.get(username="officer")
    with transaction.atomic():
        created = more_neighbourhoods(force, wanted)
        call_command("relink_crimes", verbosity=0)
        for neighbourhood in created:
            furnish(neighbourhood, officer)
        officer.neighbourhoods.add(*created)
    print(f"built in {time.perf_counter() - started:.0f} s")


def dataset_ready(wanted: int) -> bool:
    force = Force.objects.filter(slug=FORCE).first()
    return bool(force and Neighbourhood.objects.filter(force=force).count() >= wanted * 0.9 and Crime.objects.count())


def describe() -> dict[str, int]:
    return {
        "lsoas": LSOA.objects.count(),
        "crimes": Crime.objects.count(),
        "neighbourhoods": Neighbourhood.objects.filter(force__slug=FORCE).count(),
        "priorities": Priority.objects.count(),
        "plans": Plan.objects.count(),
    }


PAGES: dict[str, Any] = {}


def prepare_pages() -> None:
    officer = User.objects.get(username="officer")
    partner = User.objects.get(username="partner")
    PAGES["profiles"] = list(officer.neighbourhoods.values_list("pk", flat=True))
    assert partner.organisation is not None  # the demo partner belongs to the council
    PAGES["partner"] = list(partner.organisation.neighbourhoods.values_list("pk", flat=True))
    from profiles.categories import CATEGORIES

    PAGES["category"] = CATEGORIES[0].slug
    PAGES["points"] = [
        (round(point.y, 5), round(point.x, 5))
        for point in (n.boundary.point_on_surface for n in Neighbourhood.objects.filter(force__slug=FORCE)[:20])
    ]
    for username in ("officer", "sergeant", "partner", "analyst"):
        user = User.objects.get(username=username)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "npt.wsgi", "-b", f"127.0.0.1:{port}", "-w", "3", "--threads", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"gunicorn did not start: {process.stderr.read().decode() if process.stderr else ''}")


def run(users: int, seconds: int, port: int) -> int:
    """Drive the users from a separate process: locust's gevent patching must not meet Django's GEOS threads."""
    pages = json.dumps(PAGES)
    command = [sys.executable, str(ROOT / "bench/load_users.py"), f"http://127.0.0.1:{port}", str(users), str(seconds)]
    return subprocess.run(command, env={**os.environ, "NPT_LOAD_PAGES": pages}, check=False).returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--neighbourhoods", type=int, default=100)
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the dataset")
    args = parser.parse_args()
    shared = Path(settings.SHARED_DATA_DIR)
    if args.rebuild:
        db = settings.DATABASES["default"]
        connection.close()
        admin = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"])
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}"')
        admin.close()
    ensure_database()
    if not dataset_ready(args.neighbourhoods):
        print("building the dataset (once; kept in the bench database) ...")
        build(shared, args.neighbourhoods)
    print("dataset:", ", ".join(f"{k} {v:,}" for k, v in describe().items()))
    prepare_pages()
    connection.close()
    port = free_port()
    server = serve(port)
    try:
        errors = run(args.users, args.seconds, port)
    finally:
        server.terminate()
        server.wait(10)
    sys.exit(errors)


if __name__ == "__main__":
    main()
