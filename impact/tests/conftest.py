"""A small evaluated scene: the cast's force, its three neighbourhoods, two years of crimes and releases."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from types import SimpleNamespace
from typing import Any

import pytest

from crime.models import Crime, CrimeRelease
from impact.models import ImpactStudy
from impact.services import study_create

MONTHS = [dt.date(2023 + (m // 12), m % 12 + 1, 1) for m in range(24)]  # Jan 2023 .. Dec 2024
CATEGORIES = ("anti-social-behaviour", "burglary")


def add_crimes(neighbourhood: Any, month: dt.date, n: int, category: str) -> None:
    Crime.objects.bulk_create(
        [
            Crime(
                key=uuid.uuid4(),
                month=month,
                reported_by="Testshire Police",
                falls_within="Testshire Police",
                neighbourhood=neighbourhood,
                category=category,
            )
            for _ in range(n)
        ]
    )


def release(month: dt.date, records: int, force: str = "testshire") -> None:
    CrimeRelease.objects.create(
        force=force,
        month=month,
        source_file=f"{month:%Y-%m}-{force}-street.csv",
        sha256=f"{force}{month}".ljust(64, "0")[:64],
        rows=records,
        records=records,
    )


@pytest.fixture
def scene(cast: Any) -> SimpleNamespace:
    """Random (seeded) counts per neighbourhood, month and category; ``made`` records them for recomputing."""
    rng = random.Random(13)
    made: dict[tuple[str, dt.date, str], int] = {}
    for neighbourhood in (cast.ashfield, cast.brookside, cast.cottam):
        for month in MONTHS:
            for category in CATEGORIES:
                n = rng.randint(2, 9)
                made[(neighbourhood.code, month, category)] = n
                add_crimes(neighbourhood, month, n, category)
    for month in MONTHS:
        release(month, sum(n for (_, m, _), n in made.items() if m == month))
    return SimpleNamespace(cast=cast, made=made)


def make_study(cast: Any, **fields: Any) -> ImpactStudy:
    values: dict[str, Any] = {
        "force": cast.ashfield.force,
        "name": "Ashfield posting",
        "unit": "neighbourhood",
        "treated": ["ASH"],
        "comparison": "rest",
        "before_start": dt.date(2024, 1, 1),
        "before_end": dt.date(2024, 6, 1),
        "after_start": dt.date(2024, 7, 1),
        "after_end": dt.date(2024, 12, 1),
        "outcomes": ["anti-social-behaviour", "all-crime"],
    }
    return study_create(actor=cast.ana, **(values | fields))
