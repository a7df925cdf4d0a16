"""The neighbourhood page's crime panel in Chromium: the table twin equals a count from the CSV, the map draws."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crime.categories import ASB, CATEGORY_SLUGS
from crime.importer import import_crimes
from crime.tests.conftest import csv_rows
from tests.browser.conftest import assert_accessible, login
from tests.factories import square

pytestmark = [pytest.mark.browser, pytest.mark.shared_data, pytest.mark.django_db(transaction=True)]

WEST, SOUTH, SIZE = -1.56, 53.78, 0.02


def test_the_crime_table_twin_equals_a_count_from_the_csv(cast: Any, page: Any, shared_data: Path) -> None:
    path = sorted((shared_data / "crime/west-yorkshire").glob("*-street.csv.gz"))[-1]
    cast.ashfield.boundary = square(WEST, SOUTH, SIZE)
    cast.ashfield.save()
    import_crimes([path])
    rows = [
        row
        for row in csv_rows(path)
        if row["Longitude"]
        and WEST < float(row["Longitude"]) < WEST + SIZE
        and SOUTH < float(row["Latitude"]) < SOUTH + SIZE
    ]
    month = rows[0]["Month"]
    asb = sum(1 for row in rows if CATEGORY_SLUGS[row["Crime type"]] == ASB)
    points = Counter((row["Longitude"], row["Latitude"]) for row in rows)

    login(page, "olivia")
    page.goto(f"/geography/neighbourhoods/{cast.ashfield.pk}/")
    cells = page.locator(f'#crime-months tr[data-month="{month}"] td').all_inner_texts()

    assert cells == [str(len(rows) - asb), str(asb), str(len(rows))]
    page.wait_for_function(f"() => document.getElementById('crime-map').dataset.features === '{len(points)}'")
    assert page.locator("#crime-map path.leaflet-interactive").count() == len(points)
    # The boundary map above still draws: two maps on one page share Leaflet.
    page.wait_for_function("() => document.getElementById('neighbourhood-map').dataset.features !== undefined")
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"/geography/neighbourhoods/{cast.ashfield.pk}/?from={month}&to={month}")
    assert page.evaluate("document.querySelector('#crime').scrollWidth <= window.innerWidth")
