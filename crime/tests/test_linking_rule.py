"""The one linking rule (crime.linking): both backends agree on real data; codes link in every vintage that
holds them whatever the month; relinking follows boundary changes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.db.models import F

from crime.importer import import_crimes
from crime.linking import GeosLinker, PostgisLinker
from crime.models import Crime
from crime.services import crimes_link_unlinked, crimes_relink
from crime.tests.conftest import DURHAM_ZIP, WY_DISTRICTS, csv_rows, load_lsoa21, shifted
from geography.models import LSOA
from tests.factories import NeighbourhoodFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def items_of(paths: list[Path]) -> list[tuple[str, tuple[float, float] | None]]:
    """Each distinct (LSOA code, point) of the files, read with the csv module."""
    found = {
        (row["LSOA code"], (float(row["Longitude"]), float(row["Latitude"])) if row["Longitude"] else None)
        for path in paths
        for row in csv_rows(path)
    }
    return sorted(found, key=lambda item: (item[0], item[1] or (0.0, 0.0)))


def test_both_backends_agree_on_the_three_west_yorkshire_months(
    wy_files: list[Path], wy_lsoas: int, shared_data: Path
) -> None:
    load_lsoa21(shared_data, names=("Leeds ", "Bradford "))
    # Nested, edge-sharing and LSOA-shaped neighbourhoods: the cases where "smallest wins" and "covers" matter.
    cluster = NeighbourhoodFactory(boundary=square(-1.90, 53.70, 0.40))
    NeighbourhoodFactory(boundary=square(-1.56, 53.78, 0.04), parent=cluster)
    NeighbourhoodFactory(boundary=square(-1.52, 53.78, 0.04))
    NeighbourhoodFactory(boundary=LSOA.objects.filter(vintage=2011, name="Leeds 064A").get().geometry)
    items = items_of(wy_files)

    postgis = PostgisLinker().links(items)
    geos = GeosLinker().links(items)

    assert postgis == geos
    paths = Counter(links.path for links in postgis.values())
    print(f"{len(items)} distinct (code, point)s: {dict(paths)}")
    assert paths["code"]
    assert paths["point"]
    assert paths["none"]
    assert sum(1 for links in postgis.values() if links.neighbourhood is not None) > 1000
    # A code held by both vintages links to both; a point fallback finds LSOAs of both vintages.
    assert any(links.lsoa and links.lsoa21 and links.path == "code" for links in postgis.values())
    assert any(links.lsoa and links.lsoa21 and links.path == "point" for links in postgis.values())


def test_rows_link_by_their_code_in_each_vintage_across_the_switch(
    tmp_path: Path, wy_files: list[Path], wy_lsoas: int, wy_lsoa_codes: set[str], shared_data: Path
) -> None:
    durham = csv_rows(shared_data / DURHAM_ZIP, "2026-05/2026-05-durham-street.csv")
    load_lsoa21(shared_data, names=WY_DISTRICTS, codes={row["LSOA code"] for row in durham})
    codes21 = set(LSOA.objects.filter(vintage=2021).values_list("code", flat=True))
    wy_2023 = shifted(wy_files[0], "2023-01", tmp_path / "2023-01-west-yorkshire-street.csv")
    wy_2016 = wy_files[0]
    rows_2023 = csv_rows(wy_2023)
    assert {row["Month"] for row in rows_2023} == {"2023-01"}
    only_2011 = {row["LSOA code"] for row in rows_2023} & (wy_lsoa_codes - codes21)
    assert only_2011, "the month should carry codes that exist only in 2011"

    reports = import_crimes([wy_2016, wy_2023, shared_data / DURHAM_ZIP])

    for month, rows, report in (
        (dt.date(2016, 7, 1), csv_rows(wy_2016), reports[0]),
        (dt.date(2023, 1, 1), rows_2023, reports[1]),
    ):
        crimes = Crime.objects.filter(month=month)
        by_code = [row for row in rows if row["LSOA code"] in wy_lsoa_codes | codes21]
        # The month does not matter: 2016 and 2023 rows with the same codes link the same way.
        assert report.lsoa_by_code == len(by_code)
        linked11 = crimes.filter(lsoa__code=F("lsoa_code"), lsoa__vintage=2011).values_list("lsoa_code", flat=True)
        linked21 = crimes.filter(lsoa21__code=F("lsoa_code"), lsoa21__vintage=2021).values_list("lsoa_code", flat=True)
        assert Counter(linked11) == Counter(row["LSOA code"] for row in rows if row["LSOA code"] in wy_lsoa_codes)
        assert Counter(linked21) == Counter(row["LSOA code"] for row in rows if row["LSOA code"] in codes21)
        # 2011-only codes keep their 2011 link (and find no 2021 one by code).
        assert not crimes.filter(lsoa_code__in=only_2011, lsoa__isnull=True).exists()
        assert not crimes.filter(lsoa_code__in=only_2011, lsoa21__isnull=False).exists()
        # Rows whose code no loaded vintage knows were placed by their point, and only those.
        fallback = crimes.exclude(lsoa_code__in=wy_lsoa_codes | codes21)
        assert report.lsoa_by_point == fallback.filter(location__isnull=False).exclude(lsoa=None, lsoa21=None).count()
    # Durham's 2021 codes link to 2021 LSOAs, none of them to a 2011 one (none loaded for Durham).
    durham_crimes = Crime.objects.filter(month=dt.date(2026, 5, 1))
    assert reports[2].lsoa_by_code == durham_crimes.filter(lsoa21__isnull=False).count() == len(durham)
    assert not durham_crimes.filter(lsoa__isnull=False).exists()
    assert not Crime.objects.exclude(lsoa21=None).exclude(lsoa21__vintage=2021).exists()
    assert not Crime.objects.exclude(lsoa=None).exclude(lsoa__vintage=2011).exists()


def test_relinking_follows_new_lsoas_and_a_shrunken_boundary(wy_files: list[Path], shared_data: Path) -> None:
    path = wy_files[0]
    rows = csv_rows(path)
    area = square(-1.56, 53.78, 0.04)
    neighbourhood = NeighbourhoodFactory(boundary=area)
    import_crimes([path])
    assert not Crime.objects.filter(lsoa21__isnull=False).exists()  # no LSOAs were loaded yet

    # Boundaries arrive after the crimes (the bug report: re-importing relinked nothing).
    load_lsoa21(shared_data, names=("Leeds ",))
    smaller = square(-1.55, 53.79, 0.02)
    neighbourhood.boundary = smaller
    neighbourhood.save()
    report = crimes_relink()

    codes21 = set(LSOA.objects.values_list("code", flat=True))
    points = [Point(float(r["Longitude"]), float(r["Latitude"]), srid=4326) for r in rows if r["Longitude"]]
    in_small = sum(1 for point in points if smaller.covers(point))
    in_big_only = sum(1 for point in points if area.covers(point) and not smaller.covers(point))
    by_code = sum(1 for row in rows if row["LSOA code"] in codes21)
    assert Crime.objects.filter(neighbourhood=neighbourhood).count() == in_small
    assert report.unlinked_neighbourhood == in_big_only > 0
    assert report.lsoa_by_code == Crime.objects.filter(lsoa21__code=F("lsoa_code")).count() == by_code
    assert report.crimes == Crime.objects.count()
    # Relinking again changes nothing.
    assert crimes_relink().changed == 0


def test_the_command_relinks_one_force_and_the_old_service_name_still_works(
    wy_files: list[Path], shared_data: Path
) -> None:
    import_crimes([wy_files[0], shared_data / DURHAM_ZIP])
    leeds = NeighbourhoodFactory(boundary=square(-1.56, 53.78, 0.04))
    durham = NeighbourhoodFactory(boundary=square(-1.80, 54.70, 0.40))
    expected_leeds = Crime.objects.filter(location__coveredby=leeds.boundary).count()
    assert expected_leeds
    assert not Crime.objects.filter(neighbourhood__isnull=False).exists()

    call_command("relink_crimes", "--force", "west-yorkshire", stdout=(out := _Out()))

    assert "relinked crimes of west-yorkshire" in out.text
    assert Crime.objects.filter(neighbourhood=leeds).count() == expected_leeds
    assert not Crime.objects.filter(neighbourhood=durham).exists()  # another force: untouched
    assert crimes_link_unlinked(neighbourhoods=[durham]) == Crime.objects.filter(neighbourhood=durham).count() > 0


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass
