"""Pages and API of deployment scores: scope, tier, escaping, CSV, compare and the planner's constraints."""

import csv
import io

import pytest
from django.urls import reverse

from deployment.scoring import run_scores
from deployment.selectors import plan_allocation
from deployment.services import method_agreed

pytestmark = pytest.mark.django_db

PAYLOAD = '<img src=x onerror="alert(1)">'


@pytest.fixture
def runs(scene):
    imd = run_scores(method=scene.imd_only, force=scene.cast.force)
    default = run_scores(method=method_agreed(), force=scene.cast.force)
    return imd, default


def test_the_planner_keeps_to_the_cap_and_the_exclusions(scene, runs):
    imd, _ = runs
    ashfield, brookside = scene.cast.ashfield, scene.cast.brookside
    plan = plan_allocation(imd, scene.cast.ian, officers=5, per_neighbourhood=2)
    assert [(p.name, p.officers) for p in plan.postings] == [(ashfield.name, 2), (brookside.name, 2)]
    assert plan.unallocated == 1
    # One pass gives each neighbourhood one officer before any gets a second.
    plan = plan_allocation(imd, scene.cast.ian, officers=3, per_neighbourhood=5)
    assert [p.officers for p in plan.postings] == [2, 1]
    plan = plan_allocation(imd, scene.cast.ian, officers=3, per_neighbourhood=2, excluded=[ashfield.pk])
    assert [(p.name, p.officers) for p in plan.postings] == [(brookside.name, 2)]
    # IMD profile: Ashfield's average rank is in the most deprived decile, Brookside's in decile 7.
    assert plan.chosen.by_decile[7] == 1
    assert plan.not_chosen.by_decile[1] == 1


def test_the_plan_page_validates_its_query(client, scene, runs):
    client.force_login(scene.cast.ian)
    response = client.get(reverse("deployment:plan", args=[runs[0].pk]), {"officers": "lots", "per_neighbourhood": 0})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    response = client.get(reverse("deployment:plan", args=[runs[0].pk]), {"officers": 1, "per_neighbourhood": 1})
    assert scene.cast.ashfield.name in response.content.decode()


def test_the_csv_states_the_method_and_lists_the_ranking(client, scene, runs):
    client.force_login(scene.cast.ana)
    response = client.get(reverse("deployment:run-csv", args=[runs[1].pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Method", "Deployment score v1"]
    assert any(row[:1] == ["Note"] and "VLI-style (reconstructed)" in row[1] for row in rows)
    header = rows.index(next(row for row in rows if row[:1] == ["rank"]))
    assert [row[1] for row in rows[header + 1 :]] == [scene.cast.ashfield.name, scene.cast.brookside.name]


def test_compare_shows_band_moves_and_component_deltas(client, scene, runs):
    imd, default = runs
    client.force_login(scene.cast.ian)
    response = client.get(reverse("api-deployment:run-compare", args=[default.pk]), {"other": imd.pk})
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.json()}
    ashfield = rows[scene.cast.ashfield.name]
    assert ashfield["band_before"] == "priority"
    keys = {d["component"] for d in ashfield["deltas"]}
    assert "Recorded crime per 1,000 residents" in keys
    assert client.get(reverse("api-deployment:run-compare", args=[default.pk]), {"other": "x"}).status_code == 400


def test_the_map_layer_gives_scores_to_police_only(client, scene, runs):
    url = reverse("api-deployment:layer-lsoas")
    client.force_login(scene.cast.ian)
    police = {
        f["properties"]["code"]: f["properties"] for f in client.get(url, {"force": "testshire"}).json()["features"]
    }
    assert len(police) == 4
    assert police["E01980001"]["band"] == "priority"
    assert police["E01980001"]["imd_decile"] == 1
    client.force_login(scene.cast.pat)  # a partner: their organisation covers Ashfield only
    partner = {
        f["properties"]["code"]: f["properties"] for f in client.get(url, {"force": "testshire"}).json()["features"]
    }
    assert set(partner) == {"E01980001", "E01980002"}
    assert {p["score"] for p in partner.values()} == {None}
    assert {p["band"] for p in partner.values()} == {None}
    assert partner["E01980001"]["crime_rate"] == pytest.approx(36.0)
    assert client.get(url, {"force": "otherton"}).status_code == 404
    assert client.get(url, {"force": "testshire", "zoom": "99"}).status_code == 400


def test_the_map_layer_is_simplified_by_zoom_and_cached_until_a_run_completes(
    client, scene, runs, django_assert_max_num_queries
):
    client.force_login(scene.cast.ian)
    url = reverse("api-deployment:layer-lsoas")
    client.get(url, {"force": "testshire", "zoom": 8})
    with django_assert_max_num_queries(8):  # the cached layer: session, user and scope checks only
        cached = client.get(url, {"force": "testshire", "zoom": 8}).json()
    assert len(cached["features"]) == 4
    scene.lsoas["E01980001"].name = "Renamed"
    scene.lsoas["E01980001"].save()
    assert "Renamed" not in str(client.get(url, {"force": "testshire", "zoom": 8}).json())
    run_scores(method=scene.imd_only, force=scene.cast.force)  # what every import is followed by
    assert "Renamed" in str(client.get(url, {"force": "testshire", "zoom": 8}).json())


def test_file_text_on_the_map_page_is_escaped(client, scene, runs):
    lsoa = scene.lsoas["E01980001"]
    lsoa.name = PAYLOAD
    lsoa.save()
    client.force_login(scene.cast.ian)
    page = client.get(reverse("deployment:map"), {"force": "testshire", "layer": "band"}).content.decode()
    assert PAYLOAD not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    ranking = client.get(reverse("deployment:run-detail", args=[runs[1].pk])).content.decode()
    assert scene.cast.ashfield.name in ranking


def test_the_ranking_page_shows_breakdowns_without_n_plus_one(client, scene, runs, django_assert_max_num_queries):
    client.force_login(scene.cast.ana)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("deployment:run-detail", args=[runs[1].pk]))
    text = response.content.decode()
    assert "VLI-style (reconstructed)" in text
    assert "crime_rate: 16.00" in text  # Ashfield: 48 crimes / 3,000 residents x 1,000


def test_scores_api_is_cut_to_scope(client, scene, runs):
    client.force_login(scene.cast.olivia)
    response = client.get(reverse("api-deployment:run-neighbourhoods", args=[runs[1].pk]))
    names = [row["name"] for row in response.json()["results"]]
    assert names == [scene.cast.ashfield.name, scene.cast.brookside.name]
    assert response.json()["results"][0]["components"][0]["title"] == "Index of Multiple Deprivation"
    assert (
        client.get(reverse("api-deployment:run-neighbourhoods", args=[runs[1].pk]), {"band": "nope"}).status_code == 400
    )
