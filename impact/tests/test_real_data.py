"""An impact study on the real West Yorkshire July 2016/2017/2018 rows, imported as a user would, checked
against an independent count written here from the raw CSVs (csv module)."""

from __future__ import annotations

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point
from django.core.management import call_command

from crime.tests.conftest import WY_LSOAS, csv_rows
from crime.tests.conftest import wy_files as wy_files  # noqa: F401  (a fixture)
from crime.tests.conftest import wy_lsoas as wy_lsoas  # noqa: F401  (a fixture)
from geography.models import LSOA, NeighbourhoodLSOA
from tests.factories import ForceFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db(transaction=False)


def _boundaries(shared_data: Path) -> list[tuple[str, object]]:
    features = json.loads((shared_data / WY_LSOAS).read_text())["features"]
    return [
        (feature["properties"]["LSOA11CD"], GEOSGeometry(json.dumps(feature["geometry"]), srid=4326).prepared)
        for feature in features
    ]


def _by_lsoa(rows: list[dict[str, str]], category: str | None, codes: set[str], shapes: list) -> Counter[str]:
    """Records per LSOA: each Crime ID once, every row without one (ASB) counted. The published code is the
    link of record; a code outside the loaded LSOAs (a cross-border row) falls back to the LSOA whose
    boundary covers the point (the rule ADR 0007 states, recomputed here from the boundary file itself).
    """
    seen: set[str] = set()
    counts: Counter[str] = Counter()
    for row in rows:
        if category is not None and row["Crime type"] != category:
            continue
        if row["Crime ID"]:
            if row["Crime ID"] in seen:
                continue
            seen.add(row["Crime ID"])
        code = row["LSOA code"]
        if code not in codes and row["Longitude"]:
            point = Point(float(row["Longitude"]), float(row["Latitude"]), srid=4326)
            code = next((c for c, shape in shapes if shape.covers(point)), code)
        counts[code] += 1
    return counts


def test_counts_and_changes_equal_an_independent_count_of_the_raw_csvs(shared_data: Path, wy_files, wy_lsoas):
    force = ForceFactory(slug="west-yorkshire", name="West Yorkshire Police")
    whole = NeighbourhoodFactory(force=force, code="WY", name="All of West Yorkshire", boundary=None)
    lsoas = list(LSOA.objects.filter(vintage=2011))
    NeighbourhoodLSOA.objects.bulk_create(
        [NeighbourhoodLSOA(neighbourhood=whole, lsoa=lsoa, weight=1, method="explicit") for lsoa in lsoas]
    )
    call_command("import_crimes", *map(str, wy_files), stdout=StringIO(), stderr=StringIO())
    codes = {lsoa.code for lsoa in lsoas}
    treated = sorted(code for code in codes if LSOA.objects.get(code=code, vintage=2011).name.startswith("Leeds"))[:25]
    out = StringIO()
    call_command(
        "evaluate_impact", "--force", "west-yorkshire", "--unit", "lsoa", "--vintage", "2011",
        "--treated", ",".join(treated), "--comparison", "rest-of-force",
        "--before", "2017-07:2017-07", "--after", "2018-07:2018-07",
        "--outcome", "anti-social-behaviour", "--outcome", "all-crime", "--format", "json",
        stdout=out, stderr=StringIO(),
    )  # fmt: skip
    result = json.loads(out.getvalue())["outcomes"]
    before_rows = csv_rows(next(path for path in wy_files if "2017-07" in path.name))
    after_rows = csv_rows(next(path for path in wy_files if "2018-07" in path.name))
    rest = codes - set(treated)
    shapes = _boundaries(shared_data)
    for outcome, category in (("anti-social-behaviour", "Anti-social behaviour"), ("all-crime", None)):
        before = _by_lsoa(before_rows, category, codes, shapes)
        after = _by_lsoa(after_rows, category, codes, shapes)
        t0, t1 = sum(before[c] for c in treated), sum(after[c] for c in treated)
        c0, c1 = sum(before[c] for c in rest), sum(after[c] for c in rest)
        got = result[outcome]
        assert (got["treated"]["before"], got["treated"]["after"]) == (t0, t1)
        assert (got["comparison"]["before"], got["comparison"]["after"]) == (c0, c1)
        pt, pc = 100 * (t1 - t0) / t0, 100 * (c1 - c0) / c0
        assert got["treated"]["pct_change"] == round(pt, 2)
        assert got["comparison"]["pct_change"] == round(pc, 2)
        assert got["did_pct_points"] == round(pt - pc, 2)
        assert got["wdd"]["estimate"] == (t1 - t0) - (c1 - c0)
        assert got["wdd"]["variance"] == t0 + t1 + c0 + c1
        # One month before, one after, every LSOA in both: the fixed-effects Poisson model's rate ratio is the
        # ratio of ratios of the four independent totals exactly (impact/model.py).
        assert got["model"]["estimate"] == pytest.approx((t1 / t0) / (c1 / c0), rel=1e-9)
        assert got["model"]["ci_low"] < got["model"]["estimate"] < got["model"]["ci_high"]
        assert got["model"]["treated_areas"] == sum(1 for c in treated if before[c] + after[c] > 0)
    assert "unavailable" in result["all-crime"]["placebo"]  # no data for the placebo's earlier window
