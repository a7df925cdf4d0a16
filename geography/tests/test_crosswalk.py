"""The LSOA 2011 <-> 2021 crosswalk: identity for kept codes, area weights for the rest, built from real boundaries."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.management import call_command

from geography.crosswalk import crosswalk_build
from geography.importers.boundaries import import_lsoa_boundaries
from geography.models import LSOA, LSOACrosswalk, Vintage
from tests.factories import LSOAFactory, square

pytestmark = [pytest.mark.django_db]

GM11 = "boundaries/gm_lsoa11_generalised_traffordlab.geojson.gz"
GM21 = "boundaries/gm_lsoa21_generalised_traffordlab.geojson.gz"


def _rect(x: float, y: float, width: float, height: float) -> MultiPolygon:
    ring = ((x, y), (x + width, y), (x + width, y + height), (x, y + height), (x, y))
    return MultiPolygon(Polygon(ring, srid=4326), srid=4326)


def _codes(path: Path) -> dict[str, str]:
    features = json.loads(gzip.decompress(path.read_bytes()))["features"]
    return {f["properties"]["area_code"]: f["properties"]["area_name"] for f in features}


@pytest.mark.shared_data
def test_greater_manchester_crosswalk_keeps_every_area_once(shared_data: Path) -> None:
    import_lsoa_boundaries(shared_data / GM11, vintage=2011)
    import_lsoa_boundaries(shared_data / GM21, vintage=2021)
    old, new = _codes(shared_data / GM11), _codes(shared_data / GM21)
    kept = set(old) & set(new)

    report = crosswalk_build()

    assert report["unchanged"] == len(kept)
    assert report["retired_2011"] == len(set(old) - kept)
    assert report["retired_2011_unmatched"] == 0
    assert report["new_2021_unmatched"] == 0
    shares11: dict[str, float] = defaultdict(float)
    shares21: dict[str, float] = defaultdict(float)
    for row in LSOACrosswalk.objects.select_related("lsoa11", "lsoa21"):
        shares11[row.lsoa11.code] += row.share_of_2011
        shares21[row.lsoa21.code] += row.share_of_2021
        if row.change == LSOACrosswalk.Change.UNCHANGED:
            assert row.lsoa11.code == row.lsoa21.code
        else:
            # Retired codes map only to new codes, within the same local authority ("Bolton 001B" -> "Bolton 001F").
            assert row.lsoa11.code not in kept
            assert row.lsoa21.code not in kept
            assert old[row.lsoa11.code].rsplit(" ", 1)[0] == new[row.lsoa21.code].rsplit(" ", 1)[0]
    # Every LSOA of both vintages is accounted for, and a count moved across is neither lost nor doubled.
    assert set(shares11) == set(old)
    assert set(shares21) == set(new)
    assert all(abs(total - 1) < 1e-9 for total in shares11.values())
    assert all(abs(total - 1) < 1e-9 for total in shares21.values())

    before = sorted(LSOACrosswalk.objects.values_list("lsoa11__code", "lsoa21__code", "share_of_2011"))
    call_command("build_lsoa_crosswalk", verbosity=0)
    assert sorted(LSOACrosswalk.objects.values_list("lsoa11__code", "lsoa21__code", "share_of_2011")) == before


def test_a_split_and_a_merge_get_their_area_shares() -> None:
    # 2011: A (a 0.02 x 0.01 strip), B and C (two 0.01 squares); 2021: A split into A1 and A2, B and C merged into D.
    LSOAFactory(code="E01000001", vintage=Vintage.V2011, geometry=square(0.0, 51.5, 0.01))
    LSOAFactory(code="E01000002", vintage=Vintage.V2011, geometry=_rect(0.02, 51.5, 0.02, 0.01))
    LSOAFactory(code="E01000003", vintage=Vintage.V2011, geometry=square(0.06, 51.5, 0.01))
    LSOAFactory(code="E01000004", vintage=Vintage.V2011, geometry=square(0.07, 51.5, 0.01))
    LSOAFactory(code="E01000001", vintage=Vintage.V2021, geometry=square(0.0, 51.5, 0.01))
    LSOAFactory(code="E01100001", vintage=Vintage.V2021, geometry=square(0.02, 51.5, 0.01))
    LSOAFactory(code="E01100002", vintage=Vintage.V2021, geometry=square(0.03, 51.5, 0.01))
    LSOAFactory(code="E01100003", vintage=Vintage.V2021, geometry=_rect(0.06, 51.5, 0.02, 0.01))

    report = crosswalk_build()

    rows = {
        (r.lsoa11.code, r.lsoa21.code): (round(r.share_of_2011, 3), round(r.share_of_2021, 3), r.change)
        for r in LSOACrosswalk.objects.select_related("lsoa11", "lsoa21")
    }
    assert rows == {
        ("E01000001", "E01000001"): (1.0, 1.0, "U"),
        ("E01000002", "E01100001"): (0.5, 1.0, "S"),
        ("E01000002", "E01100002"): (0.5, 1.0, "S"),
        ("E01000003", "E01100003"): (1.0, 0.5, "M"),
        ("E01000004", "E01100003"): (1.0, 0.5, "M"),
    }
    assert report["split"] == 2
    assert report["merged"] == 2


def test_a_retired_lsoa_without_2021_boundaries_is_reported_unmatched() -> None:
    LSOAFactory(code="E01000002", vintage=Vintage.V2011, geometry=square(0.02, 51.5, 0.01))
    LSOAFactory(code="E01100009", vintage=Vintage.V2021, geometry=square(1.0, 52.5, 0.01))

    report = crosswalk_build()

    assert report["retired_2011_unmatched"] == 1
    assert report["new_2021_unmatched"] == 1
    assert LSOACrosswalk.objects.count() == 0
    assert LSOA.objects.count() == 2
