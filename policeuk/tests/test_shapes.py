"""The police.uk-compatible API answers with the anchor's keys and types (reference-anchors §1)."""

import json

import pytest
from django.urls import reverse

from geography.importers.police import import_police_neighbourhoods

pytestmark = pytest.mark.django_db

BASE = "/api/police-uk/"


def get(client, path, **params):
    return client.get(BASE + path, params)


def kinds(value):
    """The JSON type of each key, recursively: the shape without the values."""
    if isinstance(value, dict):
        return {k: kinds(v) for k, v in value.items()}
    if isinstance(value, list):
        return [kinds(value[0])] if value else []
    return type(value).__name__


def test_the_paths_are_police_uks(scene):
    assert reverse("policeuk:priorities", args=["testshire", "ASH"]) == BASE + "testshire/ASH/priorities"
    assert reverse("policeuk:locate") == BASE + "locate-neighbourhood"


@pytest.mark.shared_data
def test_the_real_leicestershire_responses_round_trip_with_their_keys_and_types(client, shared_data):
    police = shared_data / "police"
    paths = [police / f"police_leicestershire_{name}.json" for name in ("neighbourhoods", "NC04", "NC04_boundary")]
    import_police_neighbourhoods(paths, force_slug="leicestershire", force_name="Leicestershire Police")
    listed = json.loads(paths[0].read_text())
    detail = json.loads(paths[1].read_text())
    ring = json.loads(paths[2].read_text())

    got = get(client, "leicestershire/neighbourhoods").json()
    assert sorted(got, key=lambda r: r["id"]) == sorted(listed, key=lambda r: r["id"])

    ours = get(client, "leicestershire/NC04").json()
    assert set(detail) <= set(ours)
    for key in detail:
        assert kinds(ours[key]) == kinds(detail[key]), key
    for key in ("name", "id", "url_force", "contact_details", "links", "population", "centre"):
        assert ours[key] == detail[key], key

    boundary = get(client, "leicestershire/NC04/boundary").json()
    assert kinds(boundary) == kinds(ring)
    assert len(boundary) > 3


def test_neighbourhood_detail_keeps_hyphenated_contact_keys_and_sanitises_html(client, scene):
    body = get(client, "testshire/ASH").json()
    assert body["contact_details"]["google-plus"] == "g"
    assert body["contact_details"]["website"] == "http://example.org"
    assert "<script" not in body["description"]
    assert "javascript:" not in body["description"]
    assert body["description"].startswith("<p>Hello")
    assert body["centre"] == {"latitude": "52.65", "longitude": "-1.15"}
    assert isinstance(body["population"], str)


def test_priorities_have_the_anchor_keys_and_a_null_action(client, scene):
    rows = get(client, "testshire/ASH/priorities").json()
    assert all(set(r) == {"issue", "issue-date", "action", "action-date"} for r in rows)
    by_issue = {r["issue"]: r for r in rows}
    assert by_issue["Public priority"]["action"] == "<p>We patrolled</p>"
    assert by_issue["Public priority"]["action-date"] == "2026-04-02T00:00:00"
    assert by_issue["Public priority"]["issue-date"] == "2026-02-20T00:00:00"
    assert by_issue["Unactioned priority"]["action"] is None
    assert by_issue["Unactioned priority"]["action-date"] is None


def test_events_people_and_boundary_shapes(client, scene):
    events = get(client, "testshire/ASH/events").json()
    assert [set(e) for e in events] == [
        {"contact_details", "description", "title", "address", "type", "start_date", "end_date"}
    ]
    start = events[0]["start_date"]
    assert len(start) == 19
    assert start[10] == "T"
    people = get(client, "testshire/ASH/people").json()
    assert [set(p) for p in people] == [{"name", "rank", "bio", "contact_details"}]
    boundary = get(client, "testshire/ASH/boundary").json()
    assert boundary[0] == {"latitude": "52.6", "longitude": "-1.2"}
    bng = get(client, "testshire/ASH/boundary", srid="27700").json()
    assert set(bng[0]) == {"easting", "northing"}
    assert 400_000 < float(bng[0]["easting"]) < 500_000


def test_the_priority_history_extension_gives_ids_statuses_and_dated_updates(client, scene):
    rows = get(client, "testshire/ASH/priorities/history").json()
    by_issue = {r["issue"]: r for r in rows}
    assert set(by_issue) == {"Public priority", "Unactioned priority"}
    public = by_issue["Public priority"]
    assert isinstance(public["id"], int)
    assert public["status"] == "active"
    assert public["updates"] == [{"action": "<p>We patrolled</p>", "action-date": "2026-04-02T00:00:00"}]
    assert by_issue["Unactioned priority"]["updates"] == []


@pytest.mark.parametrize(
    "path",
    ["testshire/ASH/priorities", "testshire/ASH/priorities/history", "testshire/ASH/events", "testshire/ASH/people"],
)
def test_nothing_partner_or_police_only_appears(client, scene, path):
    text = get(client, path).content.decode()
    assert "Public" in text
    assert "Partner" not in text
    assert "Police" not in text


def test_forces_and_locate(client, scene):
    assert {"id": "testshire", "name": "Testshire Police"} in get(client, "forces").json()
    detail = get(client, "forces/testshire").json()
    assert set(detail) == {"id", "name", "description", "url", "telephone", "engagement_methods"}
    assert get(client, "locate-neighbourhood", q="52.65,-1.15").json() == {"force": "testshire", "neighbourhood": "ASH"}
    assert get(client, "locate-neighbourhood", q="0,0").status_code == 404


def test_crimes_street_by_point_and_poly_and_post(client, scene):
    rows = get(client, "crimes-street/all-crime", lat="52.65", lng="-1.15", date="2026-02").json()
    assert len(rows) == 3
    assert set(rows[0]) == {
        "category", "location_type", "location", "context", "outcome_status",
        "persistent_id", "id", "location_subtype", "month",
    }  # fmt: skip
    assert set(rows[0]["location"]) == {"latitude", "street", "longitude"}
    assert isinstance(rows[0]["location"]["latitude"], str)
    assert isinstance(rows[0]["id"], int)
    assert rows[0]["month"] == "2026-02"
    assert len(get(client, "crimes-street/burglary", lat="52.65", lng="-1.15", date="2026-02").json()) == 2
    latest = get(client, "crimes-street/all-crime", lat="52.65", lng="-1.15").json()
    assert {r["month"] for r in latest} == {"2026-02"}  # date defaults to the latest month
    poly = "52.6,-1.2:52.7,-1.2:52.7,-1.1:52.6,-1.1"
    assert len(get(client, "crimes-street/all-crime", poly=poly, date="2026-01").json()) == 2
    posted = client.post(BASE + "crimes-street/all-crime", {"poly": poly, "date": "2026-01"})
    assert posted.status_code == 200
    assert len(posted.json()) == 2


def test_a_month_without_data_says_so(client, scene):
    response = get(client, "crimes-street/all-crime", lat="52.65", lng="-1.15", date="2019-07")
    assert response.json() == []
    assert response["X-NPT-No-Data"] == "2019-07"
    assert "X-NPT-No-Data" not in get(client, "crimes-street/all-crime", lat="0", lng="0", date="2026-02")


def test_over_a_page_the_list_stays_plain_and_links_on(client, scene, monkeypatch):
    monkeypatch.setattr("policeuk.views_crime.PAGE", 2)
    first = get(client, "crimes-street/all-crime", lat="52.65", lng="-1.15", date="2026-02")
    assert len(first.json()) == 2
    assert 'rel="next"' in first["Link"]
    second = client.get(first["Link"].split(">")[0].lstrip("<"))
    assert len(second.json()) == 1
    assert "Link" not in second
    ids = {r["id"] for r in first.json()} | {r["id"] for r in second.json()}
    assert len(ids) == 3


def test_categories_outcomes_dates(client, scene):
    cats = get(client, "crime-categories", date="2026-02").json()
    assert cats[0] == {"url": "all-crime", "name": "All crime and ASB"}
    assert {"url": "burglary", "name": "Burglary"} in cats
    crime_id = f"202602{1:058d}"
    out = get(client, f"outcomes-for-crime/{crime_id}").json()
    assert out["crime"]["persistent_id"] == crime_id
    assert out["outcomes"][0]["category"]["name"] == "Under investigation"
    assert get(client, "outcomes-for-crime/nope").status_code == 404
    assert get(client, "crime-last-updated").json() == {"date": "2026-02-01"}
    at = get(client, "crimes-at-location", lat="52.65", lng="-1.15", date="2026-01").json()
    assert len(at) == 2


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("nowhere/neighbourhoods", {}, 404),
        ("forces/nowhere", {}, 404),
        ("testshire/NOPE", {}, 404),
        ("testshire/NOPE/priorities", {}, 404),
        ("locate-neighbourhood", {}, 400),
        ("locate-neighbourhood", {"q": "abc"}, 400),
        ("locate-neighbourhood", {"q": "91,0"}, 400),
        ("crimes-street/all-crime", {}, 400),
        ("crimes-street/all-crime", {"lat": "abc", "lng": "1"}, 400),
        ("crimes-street/all-crime", {"lat": "52", "lng": "-1", "date": "2026-13"}, 400),
        ("crimes-street/all-crime", {"poly": "1,1:2,2"}, 400),
        ("crimes-street/all-crime", {"poly": "0,0:1,1:0,1:1,0"}, 400),
        ("crimes-street/no-such", {"lat": "52", "lng": "-1"}, 404),
        ("crime-categories", {"date": "abc"}, 400),
        ("crimes-no-location", {}, 400),
        ("testshire/ASH/boundary", {"srid": "3857"}, 400),
    ],
)
def test_bad_parameters_are_json_400s_and_404s(client, scene, path, params, status):
    response = get(client, path, **params)
    assert response.status_code == status
    assert "detail" in response.json() or response.json()


def test_the_rate_limit_answers_429_with_retry_after(client, scene, settings):
    from django.core.cache import cache

    cache.clear()
    settings.POLICE_UK_API_RATE = (3, 60)
    codes = [get(client, "forces").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert int(get(client, "forces")["Retry-After"]) > 0
    cache.clear()


def test_the_public_schema_documents_this_api_only(client, db):
    import yaml

    schema = yaml.safe_load(client.get(BASE + "schema").content)
    paths = set(schema["paths"])
    assert "/api/police-uk/{force}/{neighbourhood}/priorities" in paths
    assert all(p.startswith("/api/police-uk/") for p in paths)
    assert "issue-date" in schema["components"]["schemas"]["PoliceUkPriority"]["properties"]
