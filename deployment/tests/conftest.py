"""A small scored scene: one force, two neighbourhoods over four LSOAs, IoD2019 ranks, a year of crimes."""

from __future__ import annotations

import datetime as dt
import uuid
from types import SimpleNamespace
from typing import Any

import pytest

from crime.models import Crime, CrimeRelease
from deployment.services import method_new_version
from geography.models import DeprivationRecord, Domain
from geography.services import neighbourhood_set_lsoas
from tests.factories import LSOAFactory

# LSOA code -> (population, IMD rank, IMD decile, crimes per month outside ASB, ASB per month)
AREAS = {
    "E01980001": (1000, 100, 1, 3, 1),
    "E01980002": (2000, 5000, 2, 1, 0),
    "E01980003": (1000, 20000, 7, 2, 2),
    "E01980004": (1000, 30000, 10, 0, 0),
}
MONTHS = [dt.date(2024, m, 1) for m in range(1, 13)]


def add_crimes(lsoa: Any, month: dt.date, n: int, category: str) -> None:
    Crime.objects.bulk_create(
        [
            Crime(
                key=uuid.uuid4(),
                month=month,
                reported_by="Testshire Police",
                falls_within="Testshire Police",
                lsoa=lsoa,
                lsoa_code=lsoa.code,
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
    lsoas = {}
    for code, (population, rank, decile, crimes, asb) in AREAS.items():
        lsoa = LSOAFactory(code=code, population=population)
        lsoas[code] = lsoa
        DeprivationRecord.objects.create(lsoa=lsoa, edition=2019, domain=Domain.IMD, rank=rank, decile=decile)
        for month in MONTHS:
            add_crimes(lsoa, month, crimes, "burglary")
            add_crimes(lsoa, month, asb, "anti-social-behaviour")
    for month in MONTHS:
        release(month, 10)
    # The national N of the ranking: the four above plus filler LSOAs elsewhere (ranks only).
    for rank in (1, 40000):
        DeprivationRecord.objects.create(lsoa=LSOAFactory(), edition=2019, domain=Domain.IMD, rank=rank, decile=1)
    neighbourhood_set_lsoas(neighbourhood=cast.ashfield, lsoas=[lsoas["E01980001"], lsoas["E01980002"]])
    neighbourhood_set_lsoas(neighbourhood=cast.brookside, lsoas=[lsoas["E01980003"], lsoas["E01980004"]])
    imd_only = method_new_version(
        name="IMD only", components=[{"key": "imd", "weight": 1.0, "normalisation": "percentile"}], actor=cast.ana
    )
    return SimpleNamespace(cast=cast, lsoas=lsoas, imd_only=imd_only)
