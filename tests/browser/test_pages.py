"""Each role's home page, the neighbourhood map with its table twin, and htmx job polling, in Chromium with axe."""

from __future__ import annotations

from typing import Any

import pytest

from core.models import Job
from geography.models import NeighbourhoodLSOA
from tests.browser.conftest import assert_accessible, login
from tests.factories import LSOAFactory, square

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME_HEADINGS = {
    "olivia": "Officer home",
    "sam": "Sergeant home",
    "ian": "Inspector home",
    "ana": "Analyst home",
    "pat": "Partner portal",
    "ada": "Administrator home",
    "nobody": "No role yet",
}


@pytest.mark.parametrize(("username", "heading"), HOME_HEADINGS.items())
def test_it_shows_each_role_its_home_page(cast: Any, page: Any, username: str, heading: str) -> None:
    login(page, username)
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.locator(".npt-header").inner_text().count("Neighbourhood Policing Tool") == 1
    assert_accessible(page)


def test_it_draws_the_neighbourhood_map_beside_its_table(cast: Any, page: Any) -> None:
    # Two LSOAs overlapping Ashfield's boundary (the factory's squares).
    x, y = cast.ashfield.boundary.extent[:2]
    for offset in (0.0, 0.01):
        lsoa = LSOAFactory(geometry=square(x + offset, y, 0.01))
        NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=lsoa, weight=0.5, method="spatial")
    login(page, "olivia")
    page.goto(f"/geography/neighbourhoods/{cast.ashfield.pk}/")
    map_box = page.locator("#neighbourhood-map.leaflet-container")
    map_box.wait_for()
    # The boundary plus both LSOAs, drawn without any tile layer (tests have no network).
    page.wait_for_function("() => document.getElementById('neighbourhood-map').dataset.features === '3'")
    assert page.locator("#neighbourhood-map path.leaflet-interactive").count() == 3
    assert page.locator("#neighbourhood-map .leaflet-tile").count() == 0
    assert page.locator("#lsoa-table tbody tr").count() == 2
    assert map_box.get_attribute("aria-label") == "Map of Ashfield: boundary and LSOAs"
    assert_accessible(page)


def test_it_polls_a_running_job_until_it_finishes(cast: Any, page: Any) -> None:
    job = Job.objects.create(kind="import_crimes", status=Job.Status.RUNNING, progress=40)
    login(page, "ana")
    page.goto(f"/geography/jobs/{job.pk}/")
    assert page.get_by_text("Progress: 40%").is_visible()
    assert_accessible(page)
    job.succeed({"rows_read": 12, "imported": 10}, message="Imported 10 crimes")
    page.get_by_text("Imported 10 crimes").wait_for(timeout=10_000)
    assert page.get_by_text("Progress: 100%").is_visible()
    assert page.locator(f"#job-{job.pk}-panel[hx-get]").count() == 0  # polling stopped
