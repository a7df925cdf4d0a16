"""Force-month releases (ADR 0007): the same file changes nothing; a different one replaces the force-month."""

from __future__ import annotations

import csv
import gzip
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from crime.importer import HEADER, import_crimes
from crime.models import Crime, CrimeRelease
from crime.tests.conftest import csv_rows, distinct_records

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

AVON = "crime/other/2016-11-avon-and-somerset-street.csv.gz"
NAME = "2016-11-avon-and-somerset-street.csv"


@pytest.fixture(params=["copy", "orm"])
def method(request: pytest.FixtureRequest, settings) -> str:
    """The first release on the COPY fast path and on the portable path."""
    settings.NPT_CRIME_IMPORT_METHOD = "auto" if request.param == "copy" else "orm"
    return request.param


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def stored() -> Counter[tuple[str, ...]]:
    """Every stored record's published fields, as the CSV writes them (a multiset)."""
    records: Counter[tuple[str, ...]] = Counter()
    for crime in Crime.objects.all():
        lon = lat = ""
        if crime.location is not None:
            lon, lat = f"{crime.location.x:.6f}", f"{crime.location.y:.6f}"
        records[
            (crime.crime_id, f"{crime.month:%Y-%m}", crime.falls_within, lon, lat, crime.location_text)
            + (crime.lsoa_code, crime.last_outcome, crime.context)
        ] += 1
    return records


def expected(rows: list[dict[str, str]]) -> Counter[tuple[str, ...]]:
    """What the stored records should be for ROWS: each Crime ID once (its first row), every ASB row."""
    records: Counter[tuple[str, ...]] = Counter()
    seen: set[str] = set()
    for row in rows:
        if row["Crime ID"]:
            if row["Crime ID"] in seen:
                continue
            seen.add(row["Crime ID"])
        lon = f"{float(row['Longitude']):.6f}" if row["Longitude"] else ""
        lat = f"{float(row['Latitude']):.6f}" if row["Latitude"] else ""
        records[
            (row["Crime ID"], row["Month"], row["Falls within"], lon, lat, row["Location"], row["LSOA code"])
            + (row["Last outcome category"], row["Context"])
        ] += 1
    return records


def test_a_modified_release_replaces_the_force_month(tmp_path: Path, shared_data: Path, method: str) -> None:
    original = shared_data / AVON
    rows = csv_rows(original)
    (first,) = import_crimes([original])
    assert first.release == "new"
    assert Crime.objects.count() == first.imported == distinct_records(rows)
    old_release = CrimeRelease.objects.get()
    ids = Counter(row["Crime ID"] for row in rows if row["Crime ID"])
    once = [i for i, row in enumerate(rows) if row["Crime ID"] and ids[row["Crime ID"]] == 1]
    asb = [i for i, row in enumerate(rows) if not row["Crime ID"] and row["Longitude"]]
    asb_repeats = Counter(tuple(rows[i].values()) for i in asb)
    asb_single = [i for i in asb if asb_repeats[tuple(rows[i].values())] == 1]
    kept_key = Crime.objects.get(crime_id=rows[once[500]]["Crime ID"]).key

    # The next release: 40 outcomes change, 25 crimes and 10 ASB rows go, 5 ASB points are re-anonymised,
    # and 30 crimes and 3 ASB rows arrive.
    modified = [dict(row) for row in rows]
    for i in once[:40]:
        modified[i]["Last outcome category"] = (
            "Offender sent to prison"
            if modified[i]["Last outcome category"] != "Offender sent to prison"
            else "Local resolution"
        )
    for i in asb_single[10:15]:
        modified[i]["Latitude"] = f"{float(modified[i]['Latitude']) + 0.001:.6f}"
    dropped = set(once[100:125]) | set(asb_single[:10])
    modified = [row for i, row in enumerate(modified) if i not in dropped]
    for n in range(30):
        crime = dict(rows[once[200 + n]])
        crime["Crime ID"] = hashlib.sha256(f"new-{n}".encode()).hexdigest()
        modified.append(crime)
    for n in range(3):
        incident = dict(rows[asb_single[20 + n]])
        incident["Location"] = f"On or near New Street {n}"
        modified.append(incident)
    path = write(tmp_path / NAME, modified)

    (report,) = import_crimes([path])

    assert report.release == "replaced"
    assert (report.imported, report.changed, report.removed) == (30 + 3 + 5, 40, 25 + 10 + 5)
    assert report.read == len(modified)
    assert report.unchanged == distinct_records(modified) - report.imported - report.changed
    # The force-month now equals the modified file: counts and outcomes, no stale rows, no doubled ASB.
    assert Crime.objects.count() == distinct_records(modified)
    assert stored() == expected(modified)
    for i in once[:40]:
        crime = Crime.objects.get(crime_id=rows[i]["Crime ID"])
        assert crime.last_outcome in {"Offender sent to prison", "Local resolution"}
        assert crime.last_outcome != rows[i]["Last outcome category"]
    # A crime police.uk kept keeps its key, so links to it survive the replacement.
    assert Crime.objects.filter(key=kept_key, crime_id=rows[once[500]]["Crime ID"]).exists()
    # History: the new release records the one it replaced, which is kept.
    new_release = CrimeRelease.objects.current().get()
    assert new_release.replaces == old_release
    assert (new_release.added, new_release.changed, new_release.removed) == (38, 40, 40)
    assert (new_release.rows, new_release.records) == (len(modified), distinct_records(modified))
    assert new_release.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert new_release.source_file == NAME
    old_release.refresh_from_db()
    assert not old_release.is_current
    assert old_release.rows == len(rows)
    assert set(Crime.objects.values_list("release", flat=True)) == {new_release.pk}

    # And back again: the original file replaces the modified one, and the month equals it again.
    (back,) = import_crimes([original])
    assert (back.imported, back.changed, back.removed) == (25 + 10 + 5, 40, 30 + 3 + 5)
    assert stored() == expected(rows)
    assert CrimeRelease.objects.count() == 3


def test_the_same_file_again_changes_nothing_quickly(
    tmp_path: Path, shared_data: Path, method: str, django_assert_max_num_queries
) -> None:
    original = shared_data / AVON
    import_crimes([original])
    before = set(Crime.objects.values_list("key", "last_outcome", "release"))
    # The same CSV text, no longer gzipped, is the same release.
    plain = tmp_path / NAME
    plain.write_bytes(gzip.decompress(original.read_bytes()))

    with django_assert_max_num_queries(8):  # no row is read or written
        reports = import_crimes([original, plain])

    assert [report.release for report in reports] == ["identical", "identical"]
    assert all(report.imported == report.changed == report.removed == 0 for report in reports)
    assert set(Crime.objects.values_list("key", "last_outcome", "release")) == before
    assert CrimeRelease.objects.count() == 1


def test_a_release_keeps_out_rows_of_another_month(tmp_path: Path, shared_data: Path) -> None:
    rows = csv_rows(shared_data / AVON)[:20]
    rows[3]["Month"] = "2016-10"
    path = write(tmp_path / NAME, rows)

    (report,) = import_crimes([path], skip_invalid=True)

    assert report.rejected == {"other month": 1}
    assert Crime.objects.count() == 19


def test_a_header_only_or_empty_file_warns_no_rows(tmp_path: Path) -> None:
    header = write(tmp_path / NAME, [])
    empty = tmp_path / "2016-12-avon-and-somerset-street.csv"
    empty.write_bytes(b"")

    reports = import_crimes([header, empty])

    for report in reports:
        assert report.read == report.imported == 0
        assert report.warnings
        assert report.warnings[0].startswith("no rows")
        assert "warning: no rows" in "\n".join(report.lines())
    assert not CrimeRelease.objects.exists()
