"""The internal crime API: scope, published fields only, counts that state their months, and 400s for bad input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from crime.categories import CATEGORY_SLUGS
from crime.importer import import_crimes
from crime.models import Crime
from crime.tests.conftest import csv_rows
from tests.factories import square

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

WEST, SOUTH, SIZE = -1.56, 53.78, 0.04
PUBLISHED = {"crime_id", "category", "month", "location", "lsoa_code", "outcome_category", "context"}


def _inside(row: dict[str, str]) -> bool:
    if not row["Longitude"]:
        return False
    x, y = float(row["Longitude"]), float(row["Latitude"])
    return WEST < x < WEST + SIZE and SOUTH < y < SOUTH + SIZE


@pytest.fixture
def leeds(cast: Any, wy_files: list[Path]) -> list[dict[str, str]]:
    cast.ashfield.boundary = square(WEST, SOUTH, SIZE)
    cast.ashfield.save()
    import_crimes(wy_files)
    return [row for path in wy_files for row in csv_rows(path) if _inside(row)]


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_counts_equal_the_csv_and_list_the_months_without_data(cast: Any, leeds: list[dict[str, str]]) -> None:
    expected = Counter((row["Month"], CATEGORY_SLUGS[row["Crime type"]]) for row in leeds)

    body = (
        _client(cast.olivia)
        .get("/api/crime/counts/", {"neighbourhood": cast.ashfield.pk, "from": "2016-07", "to": "2017-07"})
        .json()
    )

    got = {(r["month"], r["category"]): r["count"] for r in body["results"]}
    assert got == {key: n for key, n in expected.items() if key[0] in {"2016-07", "2017-07"}}
    assert body["months_covered"] == ["2016-07", "2017-07"]
    assert len(body["months_missing"]) == 11
    assert "data.police.uk" in body["source"]
    by_month = _client(cast.olivia).get("/api/crime/counts/", {"neighbourhood": cast.ashfield.pk, "by": "month"})
    assert {r["month"]: r["count"] for r in by_month.json()["results"]} == dict(Counter(row["Month"] for row in leeds))


def test_records_publish_only_police_uk_fields_and_are_paginated(cast: Any, leeds: list[dict[str, str]]) -> None:
    july = [row for row in leeds if row["Month"] == "2018-07"]
    client = _client(cast.pat)  # a partner with Ashfield in the organisation's areas

    page = client.get("/api/crime/records/", {"neighbourhood": cast.ashfield.pk, "from": "2018-07", "to": "2018-07"})

    body = page.json()
    assert body["count"] == len(july)
    assert len(body["results"]) == min(100, len(july))
    assert set(body["results"][0]) == PUBLISHED
    assert set(body["results"][0]["location"]) == {"latitude", "longitude", "street"}
    assert body["next"]


def test_records_follow_the_neighbourhoods_a_user_can_see(cast: Any, leeds: list[dict[str, str]]) -> None:
    cast.elsewhere.boundary = cast.ashfield.boundary
    cast.elsewhere.save()
    Crime.objects.filter(neighbourhood=cast.ashfield, month__year=2016).update(neighbourhood=cast.elsewhere)
    hidden = Crime.objects.filter(neighbourhood=cast.elsewhere).count()
    assert hidden > 0

    seen = _client(cast.olivia).get("/api/crime/records/", {"neighbourhood": cast.elsewhere.pk}).json()
    counts = _client(cast.olivia).get("/api/crime/counts/", {"neighbourhood": cast.elsewhere.pk}).json()

    assert seen["count"] == 0
    assert counts["results"] == []
    assert APIClient().get("/api/crime/records/").status_code == 403
    # A signed-in user with no role holds no permission to read neighbourhoods, nor their crime.
    assert _client(cast.nobody).get("/api/crime/records/").status_code == 403
    assert _client(cast.nobody).get("/api/crime/counts/").status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        {"from": "2016-13"},
        {"from": "abc"},
        {"from": "2018-07", "to": "2016-07"},
        {"neighbourhood": "abc"},
        {"neighbourhood": "9" * 30},
        {"category": "<b>x</b>"},
        {"by": "force"},
        {"lsoa": "%00"},
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(cast: Any, query: dict[str, str]) -> None:
    urls = ["/api/crime/counts/"] if "by" in query else ["/api/crime/records/", "/api/crime/counts/"]
    for url in urls:
        response = _client(cast.olivia).get(url, query)
        assert response.status_code == 400, (url, query, response.content)
        assert set(response.json()) & (set(query) | {"to"})
