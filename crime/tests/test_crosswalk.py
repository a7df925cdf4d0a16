"""The LSOA 2011 <-> 2021 crosswalk from the real boundaries, and counting every crime at one vintage."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point

from crime.importer import HEADER, import_crimes
from crime.models import Crime
from crime.queries import crime_counts_by_lsoa
from crime.tests.conftest import WY_DISTRICTS, csv_rows, load_lsoa21
from geography.crosswalk import crosswalk_build
from geography.models import LSOA, LSOACrosswalk

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def test_counts_by_lsoa_2011_across_the_switch_match_the_codes_in_the_files(
    tmp_path: Path, wy_files: list[Path], wy_lsoas: int, shared_data: Path
) -> None:
    load_lsoa21(shared_data, names=WY_DISTRICTS)
    codes11 = dict(LSOA.objects.filter(vintage=2011).values_list("code", "pk"))
    codes21 = dict(LSOA.objects.filter(vintage=2021).values_list("code", "pk"))
    unchanged = codes11.keys() & codes21.keys()

    built = crosswalk_build()

    assert built["unchanged"] == len(unchanged) > 1000
    assert built["split"] + built["merged"] + built["redrawn"] > 0
    changed11 = set(codes11.values()) - {codes11[c] for c in unchanged}
    shares: Counter[int] = Counter()
    for lsoa11, share in LSOACrosswalk.objects.exclude(change="U").values_list("lsoa11_id", "share_of_2011"):
        shares[lsoa11] += share
    assert set(shares) <= changed11
    assert all(abs(total - 1) < 1e-9 for total in shares.values())

    # A 2023 month as police.uk would publish it with 2021 codes: the real 2017-07 rows, each changed 2011 code
    # replaced by the 2021 LSOA holding the point. The rows' original 2011 codes are the independent truth.
    before = wy_files[0]
    after_rows = csv_rows(wy_files[1])
    shapes21 = [
        (lsoa.code, lsoa.geometry.prepared)
        for lsoa in LSOA.objects.filter(vintage=2021, code__in=codes21.keys() - unchanged)
    ]
    converted = []
    for row in after_rows:
        new = dict(row, Month="2023-02")
        if row["LSOA code"] in codes11 and row["LSOA code"] not in unchanged and row["Longitude"]:
            point = Point(float(row["Longitude"]), float(row["Latitude"]), srid=4326)
            new["LSOA code"] = next((code for code, shape in shapes21 if shape.covers(point)), row["LSOA code"])
        converted.append(new)
    later = tmp_path / "2023-02-west-yorkshire-street.csv"
    with open(later, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(converted)
    assert sum(1 for a, b in zip(after_rows, converted, strict=True) if a["LSOA code"] != b["LSOA code"]) > 100

    import_crimes([before, later])
    # Rows whose code no loaded LSOA has were placed by their point (another test); the truth here is by code.
    by_code = Crime.objects.filter(lsoa_code__in=codes11.keys() | codes21.keys())
    counts = crime_counts_by_lsoa(vintage=2011, start=dt.date(2016, 7, 1), end=dt.date(2023, 2, 1), queryset=by_code)

    truth = Counter(row["LSOA code"] for row in [*csv_rows(before), *after_rows] if row["LSOA code"] in codes11)
    # Unchanged LSOAs: exactly the count by code.
    for code in unchanged:
        assert counts.get(codes11[code], 0) == truth[code]
    # Changed ones: a split maps exactly, a merge by area; together they hold every crime of the changed areas.
    changed_truth = sum(truth[code] for code in codes11.keys() - unchanged)
    changed_counted = sum(counts.get(pk, 0) for pk in changed11)
    assert changed_counted == pytest.approx(changed_truth, rel=0.01)
    exact = sum(1 for code in codes11.keys() - unchanged if counts.get(codes11[code], 0) == pytest.approx(truth[code]))
    print(f"changed LSOAs 2011: {len(codes11) - len(unchanged)}, counted exactly: {exact}")
    assert exact >= 0.5 * (len(codes11) - len(unchanged))
    # Nothing is lost or invented: every crime is counted once, fractions included.
    assert sum(counts.values()) == pytest.approx(by_code.count())
    assert by_code.count() == sum(truth.values())
