"""/api/geography/: GeoJSON (WGS84) for Leaflet, scoped by visible_to."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from geography.models import DeprivationRecord, Domain, Edition, NeighbourhoodLSOA
from tests.factories import LSOAFactory

pytestmark = pytest.mark.django_db


def _ring(geometry: dict[str, Any]) -> list[float]:
    return [value for point in geometry["coordinates"][0][0] for value in point]


def test_it_returns_the_visible_boundaries_as_a_feature_collection(client: Any, cast: Any) -> None:
    client.force_login(cast.pat)
    data = client.get(reverse("api-geography:neighbourhood-list")).json()
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["code"] for f in data["features"]] == ["ASH"]
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "MultiPolygon"
    expected = [value for point in cast.ashfield.boundary[0][0].coords for value in point]
    # Six decimal places (about 0.1 m) is what the endpoint promises.
    assert _ring(feature["geometry"]) == pytest.approx(expected, abs=1e-6)


def test_it_returns_a_neighbourhood_with_its_lsoas_and_imd_deciles(client: Any, cast: Any) -> None:
    inside, partly = LSOAFactory(), LSOAFactory()
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.cottam, lsoa=inside, weight=1.0, method="explicit")
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.cottam, lsoa=partly, weight=0.4, method="spatial")
    DeprivationRecord.objects.create(lsoa=partly, edition=Edition.IOD2019, domain=Domain.IMD, decile=2)
    client.force_login(cast.ian)
    data = client.get(reverse("api-geography:neighbourhood-lsoas", args=[cast.cottam.pk])).json()
    kinds = [(f["properties"]["kind"], f["properties"].get("code")) for f in data["features"]]
    assert kinds == [("boundary", "COT"), ("lsoa", inside.code), ("lsoa", partly.code)]
    lsoas = {f["properties"]["code"]: f["properties"] for f in data["features"][1:]}
    assert lsoas[inside.code]["imd_2019_decile"] is None
    assert lsoas[partly.code]["imd_2019_decile"] == 2
    assert lsoas[partly.code]["weight"] == pytest.approx(0.4)
    assert data["features"][1]["geometry"]["type"] == "MultiPolygon"


def test_it_hides_neighbourhoods_outside_the_users_scope(client: Any, cast: Any) -> None:
    client.force_login(cast.pat)
    assert client.get(reverse("api-geography:neighbourhood-lsoas", args=[cast.cottam.pk])).status_code == 404
    assert client.get(reverse("api-geography:neighbourhood-detail", args=[cast.elsewhere.pk])).status_code == 404


def test_it_keeps_the_collection_query_count_flat(client: Any, cast: Any, django_assert_max_num_queries: Any) -> None:
    client.force_login(cast.ada)
    with django_assert_max_num_queries(6):
        data = client.get(reverse("api-geography:neighbourhood-list")).json()
    assert len(data["features"]) == 4
