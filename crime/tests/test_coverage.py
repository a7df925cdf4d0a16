"""Coverage from the releases: absent and unusually small force-months are gaps; counts say what they cover."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from crime.coverage import coverage, window_coverage
from crime.importer import import_crimes
from crime.queries import crime_counts
from crime.tests.conftest import csv_rows, shifted

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

JUL, AUG, SEP, OCT = (dt.date(2016, month, 1) for month in (7, 8, 9, 10))


def test_a_missing_month_between_imported_ones_is_a_gap_never_a_zero(tmp_path: Path, wy_files: list[Path]) -> None:
    september = shifted(wy_files[1], "2016-09", tmp_path / "2016-09-west-yorkshire-street.csv")
    import_crimes([wy_files[0], september])

    table = coverage()

    assert [(row.month, row.records, row.gap) for row in table["west-yorkshire"]] == [
        (JUL, len(csv_rows(wy_files[0])), ""),
        (AUG, None, "absent"),
        (SEP, len(csv_rows(september)), ""),
    ]
    counts = crime_counts(by=("month",), start=JUL, end=OCT)
    assert set(counts) == {(JUL,), (SEP,)}  # no zero for August
    assert counts.months == [JUL, SEP]
    assert [(gap.force, gap.month, gap.gap) for gap in counts.gaps] == [("west-yorkshire", AUG, "absent")]
    assert counts.coverage.missing == [AUG, OCT]  # no data at all; October is after the last import
    assert not counts.coverage.complete
    assert "gaps: west-yorkshire August 2016 (no data loaded for this month)" in counts.coverage.statement()
    # A window without the gap is complete.
    assert crime_counts(by=("month",), start=SEP, end=SEP).coverage.complete


def test_a_month_far_below_the_forces_usual_volume_is_a_gap(tmp_path: Path, wy_files: list[Path]) -> None:
    august = shifted(wy_files[1], "2016-08", tmp_path / "2016-08-west-yorkshire-street.csv")
    small = shifted(wy_files[2], "2016-09", tmp_path / "2016-09-west-yorkshire-street.csv", share=0.1)
    import_crimes([wy_files[0], august, small])

    rows = coverage()["west-yorkshire"]

    assert [row.gap for row in rows] == ["", "", "small"]
    assert rows[2].records == len(csv_rows(small))
    window = window_coverage(start=JUL, end=SEP)
    assert window.months == [JUL, AUG, SEP]
    assert [(gap.month, gap.gap) for gap in window.gaps] == [(SEP, "small")]
    assert "under half the force's usual month" in window.statement()
    assert crime_counts(by=("category",), start=AUG, end=SEP).gaps == window.gaps


def test_the_command_prints_the_table_with_its_gaps(tmp_path: Path, wy_files: list[Path]) -> None:
    september = shifted(wy_files[1], "2016-09", tmp_path / "2016-09-west-yorkshire-street.csv")
    import_crimes([wy_files[0], september])
    out = io.StringIO()

    call_command("crime_coverage", "--force", "west-yorkshire", stdout=out)

    assert out.getvalue().splitlines() == [
        "west-yorkshire:",
        f"  2016-07  {len(csv_rows(wy_files[0])):>9,}",
        "  2016-08    no data  GAP: no data loaded for this month",
        f"  2016-09  {len(csv_rows(september)):>9,}",
    ]
