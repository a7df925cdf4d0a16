"""Linking crimes to their LSOA by code (and vintage) and to their neighbourhood spatially."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.db.models import F

from crime.importer import import_crimes
from crime.models import Crime
from crime.tests.conftest import DURHAM_ZIP, csv_rows
from geography.models import LSOA
from tests.factories import LSOAFactory, NeighbourhoodFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def test_it_links_located_crimes_to_the_loaded_lsoas(
    wy_files: list[Path], wy_lsoas: int, wy_lsoa_codes: set[str]
) -> None:
    assert wy_lsoas == len(wy_lsoa_codes)

    reports = import_crimes(wy_files)

    rows = [row for path in wy_files for row in csv_rows(path)]
    located = [row for row in rows if row["Longitude"]]
    expected = sum(1 for row in rows if row["LSOA code"] in wy_lsoa_codes)
    linked = Crime.objects.located().filter(lsoa__isnull=False).count()
    share = linked / len(located)
    print(f"located WY crimes linked to a loaded LSOA: {linked} of {len(located)} ({share:.2%})")
    assert share >= 0.99
    by_code = Crime.objects.filter(lsoa__code=F("lsoa_code"))
    assert sum(report.lsoa_by_code for report in reports) == expected == by_code.count()
    # The rest were linked by their point, because no loaded LSOA has their code.
    by_point = Crime.objects.filter(lsoa__isnull=False).exclude(lsoa__code=F("lsoa_code"))
    assert sum(report.lsoa_by_point for report in reports) == by_point.count()
    assert not by_point.filter(lsoa_code__in=wy_lsoa_codes).exists()
    assert sum(report.linked_lsoa for report in reports) == Crime.objects.filter(lsoa__isnull=False).count()
    assert set(Crime.objects.filter(lsoa__isnull=False).values_list("lsoa__vintage", flat=True)) == {2011}
    assert not Crime.objects.filter(lsoa21__isnull=False).exists()


def test_it_keeps_the_code_when_that_lsoa_is_not_loaded(wy_files: list[Path]) -> None:
    path = wy_files[0]
    rows = csv_rows(path)

    (report,) = import_crimes([path])

    assert report.linked_lsoa == 0
    assert Crime.objects.filter(lsoa__isnull=False).count() == 0
    assert Crime.objects.exclude(lsoa_code="").count() == sum(1 for row in rows if row["LSOA code"])


@pytest.mark.parametrize("vintages", [(2011,), (2021,), (2011, 2021)])
def test_a_code_links_in_every_loaded_vintage_that_holds_it_whatever_the_month(
    shared_data: Path, vintages: tuple[int, ...]
) -> None:
    code = "E01020634"  # County Durham 001A, in the Durham 2026-05 file (a 2021-era month)
    rows = [row for row in csv_rows(shared_data / DURHAM_ZIP, "2026-05/2026-05-durham-street.csv")]
    in_code = sum(1 for row in rows if row["LSOA code"] == code)
    loaded = {vintage: LSOAFactory(code=code, vintage=vintage) for vintage in vintages}

    (report,) = import_crimes([shared_data / DURHAM_ZIP])

    assert report.lsoa_by_code == report.linked_lsoa == in_code > 0
    crimes = Crime.objects.filter(lsoa_code=code)
    assert crimes.count() == in_code
    assert set(crimes.values_list("lsoa_id", "lsoa21_id")) == {
        (getattr(loaded.get(2011), "pk", None), getattr(loaded.get(2021), "pk", None))
    }
    if 2011 in loaded:
        assert LSOA.objects.get(pk=loaded[2011].pk).crimes.count() == in_code
    if 2021 in loaded:
        assert LSOA.objects.get(pk=loaded[2021].pk).crimes_2021.count() == in_code


def test_it_links_crimes_to_the_neighbourhood_covering_them(wy_files: list[Path]) -> None:
    path = wy_files[0]
    area = square(-1.56, 53.78, 0.04)  # central Leeds
    neighbourhood = NeighbourhoodFactory(boundary=area)
    NeighbourhoodFactory(boundary=square(10.0, 10.0, 0.01))  # far away: never chosen
    points = [Point(float(r["Longitude"]), float(r["Latitude"]), srid=4326) for r in csv_rows(path) if r["Longitude"]]
    expected = sum(1 for point in points if area.covers(point))
    assert 0 < expected < len(points)

    (report,) = import_crimes([path])

    assert report.linked_neighbourhood == expected
    assert Crime.objects.filter(neighbourhood=neighbourhood).count() == expected
    assert Crime.objects.filter(neighbourhood__isnull=False).count() == expected
    assert not Crime.objects.unlocated().filter(neighbourhood__isnull=False).exists()


def test_it_prefers_the_smallest_covering_neighbourhood(wy_files: list[Path]) -> None:
    path = wy_files[0]
    cluster = NeighbourhoodFactory(boundary=square(-1.60, 53.74, 0.12))
    inner = NeighbourhoodFactory(boundary=square(-1.56, 53.78, 0.04), parent=cluster)
    points = [Point(float(r["Longitude"]), float(r["Latitude"]), srid=4326) for r in csv_rows(path) if r["Longitude"]]
    in_inner = sum(1 for point in points if inner.boundary.covers(point))
    in_cluster_only = sum(1 for point in points if cluster.boundary.covers(point) and not inner.boundary.covers(point))
    assert in_inner
    assert in_cluster_only

    import_crimes([path])

    assert Crime.objects.filter(neighbourhood=inner).count() == in_inner
    assert Crime.objects.filter(neighbourhood=cluster).count() == in_cluster_only


def test_it_nulls_the_links_when_an_lsoa_or_neighbourhood_is_deleted(shared_data: Path) -> None:
    code = "E01020634"
    lsoa = LSOAFactory(code=code, vintage=2021)
    neighbourhood = NeighbourhoodFactory(boundary=square(-1.80, 54.85, 0.10))
    import_crimes([shared_data / DURHAM_ZIP])
    assert Crime.objects.filter(lsoa21=lsoa).exists()
    assert Crime.objects.filter(neighbourhood=neighbourhood).exists()
    count = Crime.objects.count()
    lsoa_pk, neighbourhood_pk = lsoa.pk, neighbourhood.pk

    lsoa.delete()
    neighbourhood.delete()

    # The links carry no database constraint (docs/benchmarks.md); Django's on_delete still nulls them.
    assert Crime.objects.count() == count
    assert not Crime.objects.filter(lsoa21_id=lsoa_pk).exists()
    assert not Crime.objects.filter(neighbourhood_id=neighbourhood_pk).exists()
    assert Crime.objects.filter(lsoa_code=code, lsoa21__isnull=True).exists()
    assert dt.date(2026, 5, 1) in set(Crime.objects.values_list("month", flat=True))
