"""The aggregate counts later features reuse, checked against counts made from the CSV itself."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from crime.categories import CATEGORY_SLUGS
from crime.importer import import_crimes
from crime.models import Crime
from crime.queries import crime_counts, months_imported
from crime.tests.conftest import csv_rows
from geography.models import LSOA
from tests.factories import NeighbourhoodFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def test_it_counts_by_month_and_category(wy_files: list[Path]) -> None:
    import_crimes(wy_files)
    expected = Counter(
        (dt.date.fromisoformat(row["Month"] + "-01"), CATEGORY_SLUGS[row["Crime type"]])
        for path in wy_files
        for row in csv_rows(path)
    )

    assert crime_counts(by=("month", "category")) == dict(expected)
    july_2017 = {key[1:]: n for key, n in expected.items() if key[0] == dt.date(2017, 7, 1)}
    assert crime_counts(by=("category",), start=dt.date(2017, 7, 15), end=dt.date(2017, 7, 31)) == july_2017
    assert crime_counts(by=("month",), categories=["burglary"], start=dt.date(2017, 1, 1)) == {
        (month,): n for (month, category), n in expected.items() if category == "burglary" and month.year >= 2017
    }
    assert months_imported() == [dt.date(2016, 7, 1), dt.date(2017, 7, 1), dt.date(2018, 7, 1)]


def test_it_counts_by_lsoa_and_neighbourhood(wy_files: list[Path], wy_lsoas: int) -> None:
    area = square(-1.56, 53.78, 0.04)
    neighbourhood = NeighbourhoodFactory(boundary=area)
    import_crimes(wy_files[:1])
    rows = csv_rows(wy_files[0])
    loaded = set(LSOA.objects.values_list("code", flat=True))
    ids = dict(LSOA.objects.values_list("code", "pk"))
    by_lsoa = Counter(ids[row["LSOA code"]] for row in rows if row["LSOA code"] in loaded)

    # Rows whose code is loaded link by it; the others (by their point) are another test's business.
    counts = crime_counts(by=("lsoa",), queryset=Crime.objects.filter(lsoa_code__in=loaded))

    assert {key: n for key, n in counts.items() if key != (None,)} == {(pk,): n for pk, n in by_lsoa.items()}
    # Every crime is counted once, in its LSOA or under None.
    assert sum(crime_counts(by=("lsoa",)).values()) == len(rows)
    nearby = crime_counts(by=("neighbourhood", "category"), neighbourhoods=[neighbourhood.pk])
    assert sum(nearby.values()) == Crime.objects.filter(neighbourhood=neighbourhood).count() > 0
    # No crimes in a group means no entry: missing is never shown as zero.
    assert crime_counts(by=("category",), start=dt.date(2030, 1, 1)) == {}


def test_it_refuses_an_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="group crimes by"):
        crime_counts(by=("force",))
