"""The crime panel on neighbourhood and LSOA pages: counts equal the CSV, missing months say so, bad input is an error."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from crime.categories import ASB, CATEGORY_SLUGS
from crime.importer import import_crimes
from crime.tests.conftest import csv_rows
from geography.models import LSOA, NeighbourhoodLSOA
from tests.factories import LSOAFactory, square

pytestmark = [pytest.mark.django_db]

# A 0.04° square in central Leeds: hundreds of records a month in the West Yorkshire files.
WEST, SOUTH, SIZE = -1.56, 53.78, 0.04


def _inside(row: dict[str, str]) -> bool:
    if not row["Longitude"] or not row["Latitude"]:
        return False
    x, y = float(row["Longitude"]), float(row["Latitude"])
    return WEST < x < WEST + SIZE and SOUTH < y < SOUTH + SIZE


def _month_cells(html: str) -> dict[str, list[str]]:
    """Month table rows of the crime panel: {"2016-07": ["crime", "asb", "total"] or ["No data"]}."""
    table = html[html.index('id="crime-months"') : html.index("</table>", html.index('id="crime-months"'))]
    rows = re.findall(r'data-month="([0-9-]+)">(.*?)</tr>', table, re.S)
    return {month: re.findall(r"<td[^>]*>\s*([^<]*?)\s*</td>", body) for month, body in rows}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.shared_data
def test_the_neighbourhood_panel_equals_an_independent_count_from_the_csv(cast: Any, wy_files: list[Path]) -> None:
    cast.ashfield.boundary = square(WEST, SOUTH, SIZE)
    cast.ashfield.save()
    import_crimes(wy_files)
    rows = [row for path in wy_files for row in csv_rows(path) if _inside(row)]
    by_month = Counter((row["Month"], CATEGORY_SLUGS[row["Crime type"]] == ASB) for row in rows)
    by_type = Counter(CATEGORY_SLUGS[row["Crime type"]] for row in rows if row["Month"] == "2017-07")

    url = reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk])
    response = _client(cast.olivia).get(url, {"from": "2016-07", "to": "2017-07"})

    assert response.status_code == 200
    cells = _month_cells(response.content.decode())
    assert len(cells) == 13
    for month in ("2016-07", "2017-07"):
        crime, asb = by_month[(month, False)], by_month[(month, True)]
        assert crime + asb > 0
        assert cells[month] == [str(crime), str(asb), str(crime + asb)]
    # The eleven months between have no data imported: said so, never shown as 0.
    assert cells["2016-08"] == ["No data"]
    assert sum(1 for value in cells.values() if value == ["No data"]) == 11
    assert "No data for 11 of 13 months" in response.content.decode()

    july = _client(cast.olivia).get(url, {"from": "2017-07", "to": "2017-07"}).content.decode()
    table = july[july.index('id="crime-categories"') :]
    shown = dict(re.findall(r'data-category="([a-z-]+)">.*?numeric">(\d+)</td>', table, re.S))
    assert {slug: int(n) for slug, n in shown.items()} == dict(by_type)


@pytest.mark.shared_data
def test_the_default_window_ends_with_the_newest_month_and_the_map_has_a_table_twin(
    cast: Any, wy_files: list[Path]
) -> None:
    cast.ashfield.boundary = square(WEST, SOUTH, SIZE)
    cast.ashfield.save()
    import_crimes(wy_files[-1:])
    rows = [row for row in csv_rows(wy_files[-1]) if _inside(row)]

    html = _client(cast.olivia).get(reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk])).content.decode()

    cells = _month_cells(html)
    assert list(cells)[-1] == rows[0]["Month"]
    assert len(cells) == 12
    points = html[html.index('id="crime-points"') : html.index("</table>", html.index('id="crime-points"'))]
    counts = [int(n) for n in re.findall(r'numeric">(\d+)</td>', points)]
    assert sum(counts) == len(rows)
    assert len(counts) == len({(row["Longitude"], row["Latitude"]) for row in rows})
    assert 'id="crime-points-data"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "abc"}, "Select a month from the list"),
        ({"from": "2016-07", "to": "2016-13"}, "Select a month from the list"),
        ({"from": "2018-07", "to": "2016-07"}, "The last month must be the same as or after the first month"),
        ({"from": "2016-07", "to": "2016-07", "category": "<script>"}, "Select a crime type from the list"),
        ({"to": "2016-07"}, "Select the first month"),
    ],
)
@pytest.mark.shared_data
def test_a_bad_window_is_a_govuk_error_not_a_500(
    cast: Any, wy_files: list[Path], query: dict[str, str], message: str
) -> None:
    import_crimes(wy_files)
    response = _client(cast.olivia).get(reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk]), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>", 1)[0].replace("<script ", "")


def test_with_no_crime_imported_the_panel_says_so_rather_than_zero(cast: Any) -> None:
    html = _client(cast.olivia).get(reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk])).content.decode()
    assert "No police.uk crime data has been imported yet" in html
    assert 'id="crime-months"' not in html


def test_the_page_shows_one_lsoa_vintage_at_a_time_with_a_population_by_weight(cast: Any) -> None:
    old = LSOAFactory(code="E01000001", vintage=2011, population=1000, population_source="ONS mid-2015")
    new_a = LSOAFactory(code="E01100001", vintage=2021, population=1200, population_source="ONS mid-2021")
    new_b = LSOAFactory(code="E01100002", vintage=2021, population=None)
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=old, weight=0.5, method="spatial")
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=new_a, weight=0.25, method="spatial")
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=new_b, weight=1, method="spatial")
    url = reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk])
    client = _client(cast.olivia)

    newest = client.get(url).content.decode()
    older = client.get(url, {"vintage": "2011"}).content.decode()
    bogus = client.get(url, {"vintage": "abc"})

    assert "E01100001" in newest
    assert "E01100002" in newest
    assert "E01000001" not in newest
    assert "300" in newest
    assert "ONS mid-2021" in newest
    assert "2 LSOAs, 1 with a population" in newest
    assert "E01000001" in older
    assert "E01100001" not in older
    assert ">500" in older.replace("\n", "").replace(" ", "") or "500\n" in older
    assert bogus.status_code == 200
    assert "E01100001" in bogus.content.decode()
    lsoas = client.get(reverse("api-geography:neighbourhood-lsoas", args=[cast.ashfield.pk]), {"vintage": "2011"})
    codes = {f["properties"].get("code") for f in lsoas.json()["features"] if f["properties"]["kind"] == "lsoa"}
    assert codes == {"E01000001"}
    assert (
        client.get(reverse("api-geography:neighbourhood-lsoas", args=[cast.ashfield.pk]), {"vintage": "x"}).status_code
        == 400
    )


def test_an_lsoa_page_is_visible_only_through_a_visible_neighbourhood(cast: Any) -> None:
    lsoa = LSOAFactory(code="E01000009", population=1500)
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=lsoa, weight=1, method="spatial")
    hidden = LSOAFactory(code="E01000010")
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.elsewhere, lsoa=hidden, weight=1, method="spatial")
    orphan = LSOAFactory(code="E01000011")

    ok = _client(cast.pat).get(reverse("geography:lsoa-detail", args=[lsoa.pk]))
    assert ok.status_code == 200
    assert "E01000009" in ok.content.decode()
    assert "Ashfield" in ok.content.decode()
    for other in (hidden, orphan):
        assert _client(cast.olivia).get(reverse("geography:lsoa-detail", args=[other.pk])).status_code == 404
    assert Client().get(reverse("geography:lsoa-detail", args=[lsoa.pk])).status_code == 302
    assert LSOA.objects.count() == 3


@pytest.mark.shared_data
def test_the_lsoa_panel_counts_that_lsoas_crimes(cast: Any, wy_files: list[Path], wy_lsoas: int) -> None:
    import_crimes(wy_files[:1])
    rows = csv_rows(wy_files[0])
    code, expected = Counter(row["LSOA code"] for row in rows if row["LSOA code"]).most_common(1)[0]
    lsoa = LSOA.objects.get(code=code)
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=lsoa, weight=1, method="spatial")

    html = _client(cast.olivia).get(reverse("geography:lsoa-detail", args=[lsoa.pk])).content.decode()

    month = rows[0]["Month"]
    cells = _month_cells(html)
    assert int(cells[month][2]) == expected


@pytest.mark.shared_data
def test_the_page_needs_a_bounded_number_of_queries(
    cast: Any, wy_files: list[Path], django_assert_max_num_queries: Any
) -> None:
    cast.ashfield.boundary = square(WEST, SOUTH, SIZE)
    cast.ashfield.save()
    import_crimes(wy_files)
    client = _client(cast.olivia)
    url = reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk])
    with django_assert_max_num_queries(20):
        assert client.get(url, {"from": "2016-07", "to": "2018-07"}).status_code == 200
