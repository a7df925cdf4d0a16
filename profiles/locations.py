"""Where a significant location may be: inside the force area, or near the neighbourhood (issue 6, item 5).

The force area is the force's own boundary where one is loaded (``import_force_boundary``), else the union
of its neighbourhoods' boundaries. A location outside that area is still accepted within ``NEAR_KM`` of the
neighbourhood's own boundary: a school, station or pub just over a force or district line can matter to the
neighbourhood (guide 2384-2443 lists places "in or serving" the area). Anything further away is almost always
a typing slip (swapped latitude and longitude, a missing minus sign) and breaks the profile map, so it is refused.
Distances are measured in British National Grid metres (EPSG:27700), as every area in the app is.
"""

from __future__ import annotations

from django.contrib.gis.geos import Point

from geography.models import Force, Neighbourhood

NEAR_KM = 5
BRITISH_NATIONAL_GRID = 27700


def distance_km(neighbourhood: Neighbourhood, point: Point) -> float | None:
    """How far POINT is from NEIGHBOURHOOD's boundary in km (0 inside it); None without a boundary."""
    if neighbourhood.boundary is None:
        return None
    boundary = neighbourhood.boundary.transform(BRITISH_NATIONAL_GRID, clone=True)
    return boundary.distance(point.transform(BRITISH_NATIONAL_GRID, clone=True)) / 1000


def location_problem(neighbourhood: Neighbourhood, point: Point) -> str | None:
    """Why POINT cannot be one of NEIGHBOURHOOD's significant locations, or None if it can."""
    if Force.objects.filter(pk=neighbourhood.force_id, boundary__intersects=point).exists():
        return None  # inside the force's own boundary
    if Neighbourhood.objects.filter(force_id=neighbourhood.force_id, boundary__intersects=point).exists():
        return None  # inside the force area as its neighbourhoods draw it
    km = distance_km(neighbourhood, point)
    if km is None or km <= NEAR_KM:
        return None  # no boundary to measure from, or near enough
    shown = f"{km:.0f}" if km >= 10 else f"{km:.1f}"
    return (
        f"The point is {shown} km from {neighbourhood.name}. Enter a latitude and longitude inside or near the "
        f"neighbourhood (within {NEAR_KM} km of its boundary)"
    )
