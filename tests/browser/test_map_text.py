"""Stored XSS on the maps (issue 6 item 1): names from users and imported files reach Leaflet as text, never HTML.

Each labelled layer gets a payload: a significant location's name (typed by an officer), a neighbourhood's name and
an LSOA's name (both from imported files). Every marker and polygon is hovered with the real mouse; no dialog may
fire, no element may be created from the name, and the tooltip must show the name's characters literally.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.gis.geos import Point

from geography.models import NeighbourhoodLSOA
from profiles.models import InfrastructurePoint
from profiles.services import profile_ensure
from tests.browser.conftest import login
from tests.factories import LSOAFactory, square

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEIGHBOURHOOD = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1;alert('nbh')\">Ashfield"
LSOA = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1;alert('lsoa')\">"
LOCATION = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1;alert('point')\"><b>Library</b>"

# For each interactive layer in a map: a point on screen where that layer (and nothing above it) gets the mouse.
_HIT_POINTS = """(mapId) => {
  const map = document.getElementById(mapId);
  const targets = [...map.querySelectorAll('path.leaflet-interactive, .leaflet-marker-icon')];
  return targets.map((el) => {
    const box = el.getBoundingClientRect();
    for (let fy = 0; fy <= 1; fy += 0.02) {
      for (let fx = 0; fx <= 1; fx += 0.02) {
        const x = box.left + box.width * fx, y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y) === el) return {x, y};
      }
    }
    return null;
  });
}"""


def _hover_every_layer(page: Any, map_id: str, features: int) -> set[str]:
    """Hover each marker and polygon of one map; return the texts of the tooltips that opened.

    A feature can draw several shapes (the force area is a collection of neighbourhoods): each one is hovered.
    """
    page.wait_for_function(f"() => document.getElementById('{map_id}').dataset.features === '{features}'")
    page.locator(f"#{map_id}").scroll_into_view_if_needed()
    points = page.evaluate(_HIT_POINTS, map_id)
    assert len(points) >= features
    assert all(points), f"a layer of #{map_id} cannot be reached with the mouse: {points}"
    shown = set()
    for point in points:
        tooltip = page.locator(f"#{map_id} .leaflet-tooltip")
        page.mouse.move(1, 1)
        tooltip.first.wait_for(state="detached")
        page.mouse.move(point["x"], point["y"])
        tooltip.wait_for(state="visible")
        shown.add(tooltip.inner_text())
        assert tooltip.locator("img, b").count() == 0, "the name was parsed as HTML"
    page.wait_for_timeout(300)  # let any broken image fire its onerror
    return shown


def _watch_dialogs(page: Any) -> list[str]:
    dialogs: list[str] = []

    def record(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


@pytest.fixture
def hostile(cast: Any) -> Any:
    """Ashfield renamed to a payload, with an LSOA and a significant location that carry one too."""
    cast.ashfield.name = NEIGHBOURHOOD
    cast.ashfield.save()
    x, y = cast.ashfield.boundary.extent[:2]
    # Inside the boundary but clear of its edge, so boundary and LSOA can each be hovered on their own.
    lsoa = LSOAFactory(name=LSOA, geometry=square(x + 0.005, y + 0.005, 0.006))
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=lsoa, weight=0.5, method="spatial")
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    InfrastructurePoint.objects.create(
        profile=profile,
        kind=InfrastructurePoint.Kind.RETAIL,
        name=LOCATION,
        location=Point(x + 0.015, y + 0.015, srid=4326),
    )
    return cast


def test_neighbourhood_and_lsoa_names_show_as_text_on_the_neighbourhood_map(hostile: Any, page: Any) -> None:
    dialogs = _watch_dialogs(page)
    login(page, "olivia")
    page.goto(f"/geography/neighbourhoods/{hostile.ashfield.pk}/")
    shown = _hover_every_layer(page, "neighbourhood-map", features=2)
    lsoa_code = NeighbourhoodLSOA.objects.get(neighbourhood=hostile.ashfield).lsoa.code
    assert shown == {NEIGHBOURHOOD, f"{lsoa_code} {LSOA}"}
    assert dialogs == []
    assert page.evaluate("window.__xss") is None


def test_location_and_neighbourhood_names_show_as_text_on_the_profile_maps(hostile: Any, page: Any) -> None:
    dialogs = _watch_dialogs(page)
    login(page, "olivia")
    page.goto(f"/profiles/{hostile.ashfield.pk}/")
    # The boundary map, the force-area inset (rest of the force + Ashfield) and the locations map.
    assert _hover_every_layer(page, "map-boundary", features=1) == {NEIGHBOURHOOD}
    assert _hover_every_layer(page, "map-inset", features=2) == {NEIGHBOURHOOD, "Rest of the force area"}
    shown = _hover_every_layer(page, "map-points", features=2)
    assert shown == {NEIGHBOURHOOD, f"{LOCATION} (Retail (including licensed premises))"}
    # The marker's image is named after the location, as plain text in its alt attribute.
    assert page.locator("#map-points .leaflet-marker-icon").get_attribute("alt") == LOCATION + (
        " (Retail (including licensed premises))"
    )
    assert dialogs == []
    assert page.evaluate("window.__xss") is None
