"""/api/geography/: GeoJSON (WGS84) for Leaflet, scoped by visible_to, asked through has_perm, paged and filtered."""

from __future__ import annotations

from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from geography.api.permissions import VIEW_NEIGHBOURHOOD
from geography.models import DeprivationRecord, Domain, Edition, Neighbourhood, NeighbourhoodLSOA
from tests.factories import LSOAFactory, NeighbourhoodFactory

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


def test_it_gives_each_feature_its_id_at_the_top_level_and_among_the_properties(client: Any, cast: Any) -> None:
    client.force_login(cast.ian)
    feature = client.get(reverse("api-geography:neighbourhood-detail", args=[cast.cottam.pk])).json()
    assert feature["type"] == "Feature"
    assert feature["id"] == feature["properties"]["id"] == cast.cottam.pk
    assert feature["properties"]["force"] == "testshire"
    assert feature["properties"]["url"] == reverse("geography:neighbourhood-detail", args=[cast.cottam.pk])


def test_it_pages_the_collection_without_overlap(client: Any, cast: Any) -> None:
    for _ in range(3):
        NeighbourhoodFactory(force=cast.force, name="Same name")
    client.force_login(cast.ada)
    url = reverse("api-geography:neighbourhood-list")
    first = client.get(url, {"page_size": 4}).json()
    assert first["type"] == "FeatureCollection"
    assert first["count"] == 7
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["next"] is None
    ids = [f["id"] for f in first["features"] + second["features"]]
    assert len(first["features"]) == 4
    assert sorted(ids) == sorted(Neighbourhood.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("page", ["abc", "-1", "0", "9" * 30, "3"])
def test_it_answers_404_for_a_page_that_does_not_exist(client: Any, cast: Any, page: str) -> None:
    client.force_login(cast.ada)
    response = client.get(reverse("api-geography:neighbourhood-list"), {"page": page})
    assert response.status_code == 404


def test_it_filters_by_force_and_code_within_the_users_scope(client: Any, cast: Any) -> None:
    url = reverse("api-geography:neighbourhood-list")

    def codes(user: Any, **params: str) -> list[str]:
        client.force_login(user)
        return [f["properties"]["code"] for f in client.get(url, params).json()["features"]]

    assert codes(cast.ada, force="otherton") == ["ELS"]
    assert codes(cast.ada, code="COT") == ["COT"]
    assert codes(cast.ada, force="testshire", code="ELS") == []
    # A filter never widens the scope: Pat's organisation covers Ashfield only.
    assert codes(cast.pat, force="testshire") == ["ASH"]
    assert codes(cast.pat, code="COT") == []


@pytest.mark.parametrize(("query", "field"), [("force=%00", "force"), ("code=" + "x" * 65, "code")])
def test_it_refuses_a_malformed_filter_naming_the_parameter(client: Any, cast: Any, query: str, field: str) -> None:
    client.force_login(cast.ada)
    response = client.get(reverse("api-geography:neighbourhood-list") + "?" + query)
    assert response.status_code == 400
    assert list(response.json()) == [field]


@pytest.mark.parametrize(
    "path",
    [
        "/api/geography/neighbourhoods/abc/",
        "/api/geography/neighbourhoods/abc/lsoas/",
        "/api/geography/neighbourhoods/5%00/",
        "/api/geography/neighbourhoods/-1/",
        "/api/geography/neighbourhoods/%ff/lsoas/",
        "/api/geography/neighbourhoods/" + "9" * 30 + "/",
    ],
)
def test_it_answers_404_for_a_malformed_id(client: Any, cast: Any, path: str) -> None:
    client.force_login(cast.ada)
    assert client.get(path).status_code == 404


@pytest.fixture
def view_rule() -> Any:
    """Replace the rule behind VIEW_NEIGHBOURHOOD for one test, then put the real one back."""
    original = rules.permissions.permissions[VIEW_NEIGHBOURHOOD]
    yield lambda predicate: rules.set_perm(VIEW_NEIGHBOURHOOD, predicate)
    rules.set_perm(VIEW_NEIGHBOURHOOD, original)


def test_it_asks_has_perm_before_answering(client: Any, cast: Any, view_rule: Any) -> None:
    # The list needs the model permission, which only role groups carry (accounts migration 0005).
    client.force_login(cast.nobody)
    assert client.get(reverse("api-geography:neighbourhood-list")).status_code == 403
    # Each object also asks the object rule.
    view_rule(rules.always_deny)
    client.force_login(cast.ada)
    assert client.get(reverse("api-geography:neighbourhood-detail", args=[cast.ashfield.pk])).status_code == 403
    assert client.get(reverse("api-geography:neighbourhood-lsoas", args=[cast.ashfield.pk])).status_code == 403


def test_it_asks_has_perm_for_each_object(client: Any, cast: Any, view_rule: Any) -> None:
    view_rule(rules.predicate(lambda user, neighbourhood: neighbourhood is None or neighbourhood.code != "ASH"))
    client.force_login(cast.ada)
    assert client.get(reverse("api-geography:neighbourhood-detail", args=[cast.ashfield.pk])).status_code == 403
    assert client.get(reverse("api-geography:neighbourhood-lsoas", args=[cast.ashfield.pk])).status_code == 403
    assert client.get(reverse("api-geography:neighbourhood-detail", args=[cast.cottam.pk])).status_code == 200


def test_the_view_permission_follows_the_read_scope(cast: Any) -> None:
    assert cast.pat.has_perm(VIEW_NEIGHBOURHOOD, cast.ashfield)
    assert not cast.pat.has_perm(VIEW_NEIGHBOURHOOD, cast.cottam)
    assert cast.olivia.has_perm(VIEW_NEIGHBOURHOOD, cast.cottam)
    assert not cast.olivia.has_perm(VIEW_NEIGHBOURHOOD, cast.elsewhere)
    assert cast.ada.has_perm(VIEW_NEIGHBOURHOOD, cast.elsewhere)
    # Signed in with no role: no model permission, and no neighbourhood is theirs to read.
    assert not cast.nobody.has_perm(VIEW_NEIGHBOURHOOD)
    assert not cast.nobody.has_perm(VIEW_NEIGHBOURHOOD, cast.ashfield)
    assert not AnonymousUser().has_perm(VIEW_NEIGHBOURHOOD)
