"""Three 2011 LSOAs with known populations and IMD figures, set as Ashfield's LSOAs (deprivation tests)."""

from __future__ import annotations

from typing import Any

import pytest

from geography.models import DeprivationRecord, Domain
from geography.services import neighbourhood_set_lsoas
from tests.factories import LSOAFactory

# (population, IMD rank, IMD decile) for three 2011 LSOAs.
INPUT = [(1000, 500, 1), (2000, 9000, 3), (3000, 30000, 10)]


@pytest.fixture
def three(cast: Any) -> list[Any]:
    lsoas = [LSOAFactory(population=pop, population_source="test mid-2015") for pop, _, _ in INPUT]
    for lsoa, (_, rank, decile) in zip(lsoas, INPUT, strict=True):
        DeprivationRecord.objects.create(
            lsoa=lsoa, edition=2019, domain=Domain.IMD, rank=rank, decile=decile, source="File 1"
        )
    neighbourhood_set_lsoas(neighbourhood=cast.ashfield, lsoas=lsoas)
    return lsoas
