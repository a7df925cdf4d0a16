"""The portable ORM fallback (used on SpatiaLite) gives what the PostgreSQL COPY path gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from crime.importer import import_crimes, use_copy
from crime.models import Crime, CrimeRelease
from tests.factories import NeighbourhoodFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

FIELDS = (
    "key",
    "crime_id",
    "month",
    "category",
    "lsoa_code",
    "lsoa_id",
    "lsoa21_id",
    "neighbourhood_id",
    "location_text",
    "context",
)


def snapshot() -> tuple[set[tuple[object, ...]], set[tuple[str, object]]]:
    rows = set(Crime.objects.values_list(*FIELDS))
    points = {(key.hex, point.wkt if point else None) for key, point in Crime.objects.values_list("key", "location")}
    return rows, points


def test_it_imports_a_real_file_the_same_way_on_both_paths(wy_files: list[Path], wy_lsoas: int, settings) -> None:
    path = wy_files[2]
    cluster = NeighbourhoodFactory(boundary=square(-1.90, 53.70, 0.40))
    NeighbourhoodFactory(boundary=square(-1.56, 53.78, 0.04), parent=cluster)
    NeighbourhoodFactory(boundary=square(-1.52, 53.78, 0.04))  # shares an edge with the one before

    assert use_copy()
    (fast,) = import_crimes([path])
    copied = snapshot()
    Crime.objects.all().delete()
    CrimeRelease.objects.all().delete()
    settings.NPT_CRIME_IMPORT_METHOD = "orm"
    assert not use_copy()
    (portable,) = import_crimes([path])

    assert (fast.method, portable.method) == ("copy", "orm")
    counts = ("read", "imported", "duplicates", "linked_lsoa", "lsoa_by_code", "lsoa_by_point")
    counts += ("linked_neighbourhood", "unlocated")
    assert [getattr(fast, name) for name in counts] == [getattr(portable, name) for name in counts]
    assert fast.linked_lsoa > 0
    assert fast.linked_neighbourhood > 0
    assert snapshot() == copied

    # Re-importing on the fallback adds nothing either.
    (again,) = import_crimes([path])
    assert (again.imported, again.duplicates, again.release) == (0, again.read, "identical")
