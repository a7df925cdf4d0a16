"""import_crimes on the real police.uk files in the shared data (PostGIS, COPY path)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from crime.categories import ASB, CATEGORY_SLUGS
from crime.importer import import_crimes
from crime.models import Crime
from crime.tests.conftest import DURHAM_ZIP, csv_rows, distinct_records

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def test_it_imports_every_row_of_the_three_west_yorkshire_months(wy_files: list[Path]) -> None:
    reports = import_crimes(wy_files)

    assert [report.source for report in reports] == [str(path) for path in wy_files]
    for path, report in zip(wy_files, reports, strict=True):
        rows = csv_rows(path)
        assert report.method == "copy"
        assert report.read == len(rows)
        assert report.imported == distinct_records(rows)
        assert report.read == report.imported + report.duplicates + report.rejected_total
        assert not report.rejected
        month = dt.date.fromisoformat(rows[0]["Month"] + "-01")
        assert Crime.objects.filter(month=month).count() == report.imported
    assert Crime.objects.count() == sum(report.imported for report in reports)


def test_it_adds_nothing_when_the_months_are_imported_again(wy_files: list[Path]) -> None:
    first = import_crimes(wy_files)
    count = Crime.objects.count()

    again = import_crimes(wy_files)

    assert Crime.objects.count() == count
    for before, after in zip(first, again, strict=True):
        assert after.read == before.read
        assert after.imported == 0
        assert after.duplicates == after.read


def test_it_keeps_identical_asb_rows_as_separate_incidents(wy_files: list[Path]) -> None:
    july_2016 = wy_files[0]
    rows = csv_rows(july_2016)
    fields = [tuple(row.values()) for row in rows if not row["Crime ID"]]
    repeated = Counter(fields)
    swithen = [row for row in rows if row["Location"] == "On or near Swithen Hill" and not row["Crime ID"]]
    assert max(repeated.values()) > 1, "the file should hold identical ASB rows"
    assert repeated[tuple(swithen[0].values())] >= 2

    import_crimes([july_2016])

    asb = Crime.objects.filter(crime_id="", month=dt.date(2016, 7, 1))
    assert asb.count() == len(fields)
    assert asb.filter(location_text="On or near Swithen Hill").count() == len(swithen)
    # ...and importing the month again still adds none of them.
    import_crimes([july_2016])
    assert asb.count() == len(fields)


def test_it_keeps_rows_without_coordinates_as_unlocated(wy_files: list[Path]) -> None:
    path = wy_files[1]
    rows = csv_rows(path)
    unlocated = sum(1 for row in rows if not row["Longitude"] and not row["Latitude"])
    assert unlocated > 0

    (report,) = import_crimes([path])

    assert report.unlocated == unlocated
    assert Crime.objects.unlocated().count() == unlocated
    assert Crime.objects.located().count() == report.imported - unlocated
    assert any("no coordinates" in note for note in report.notes)


def test_it_stores_each_field_as_published(wy_files: list[Path]) -> None:
    path = wy_files[2]
    row = next(row for row in csv_rows(path) if row["Crime ID"] and row["Longitude"] and row["Context"] == "")

    import_crimes([path])

    crime = Crime.objects.get(crime_id=row["Crime ID"])
    assert crime.month == dt.date.fromisoformat(row["Month"] + "-01")
    assert crime.category == CATEGORY_SLUGS[row["Crime type"]]
    assert (crime.location.x, crime.location.y) == (float(row["Longitude"]), float(row["Latitude"]))
    assert crime.location.srid == 4326
    assert (crime.reported_by, crime.falls_within) == (row["Reported by"], row["Falls within"])
    assert (crime.location_text, crime.lsoa_code, crime.lsoa_name) == (
        row["Location"],
        row["LSOA code"],
        row["LSOA name"],
    )
    assert crime.last_outcome == row["Last outcome category"]
    assert crime.source_file == path.name
    # ADR 0003: the key leads with the month and carries the Crime ID.
    assert crime.key.hex == row["Month"].replace("-", "") + row["Crime ID"][:26]


def test_it_imports_each_member_of_a_monthly_archive(shared_data: Path) -> None:
    archive = shared_data / DURHAM_ZIP
    member = "2026-05/2026-05-durham-street.csv"
    rows = csv_rows(archive, member)

    (report,) = import_crimes([archive])

    assert report.source == f"{archive}:{member}"
    assert (report.read, report.imported) == (len(rows), distinct_records(rows))
    assert Crime.objects.filter(month=dt.date(2026, 5, 1), falls_within="Durham Constabulary").count() == len(rows)
    assert Crime.objects.filter(category=ASB).count() == sum(
        1 for row in rows if row["Crime type"] == "Anti-social behaviour"
    )
    assert set(Crime.objects.values_list("source_file", flat=True)) == {f"{archive.name}:{member}"}


def test_it_imports_a_folder_file_by_file(shared_data: Path, wy_files: list[Path]) -> None:
    reports = import_crimes([shared_data / "crime"])

    # Every *-street.csv[.gz] under the folder, sorted; the zip is not a street CSV and is left alone.
    found = sorted(p for p in (shared_data / "crime").rglob("*-street.csv.gz"))
    assert [report.source for report in reports] == [str(p) for p in found]
    assert set(map(str, wy_files)) <= {report.source for report in reports}
    assert Crime.objects.count() == sum(distinct_records(csv_rows(p)) for p in found)


def test_it_reports_progress_in_rows_up_to_the_real_row_count(wy_files: list[Path]) -> None:
    calls: list[tuple[int, int]] = []

    import_crimes(wy_files[:2], progress=lambda done, total: calls.append((done, total)))

    total = sum(len(csv_rows(path)) for path in wy_files[:2])
    assert calls[-1] == (total, total)
    assert all(total_ == total for _, total_ in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
