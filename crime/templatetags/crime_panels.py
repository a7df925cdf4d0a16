"""``{% crime_panel neighbourhood=... %}`` / ``{% crime_panel lsoa=... %}``: crime and ASB on an area's page.

A template tag rather than a view so that geography's pages can show crime without geography importing
crime: the spine's layers run core -> accounts/geography -> crime, never back (docs/adr/0006).
The window comes from the page's query string (``from``, ``to``, ``category``); a bad value shows a GOV.UK
error in the panel, never a 500.
"""

from __future__ import annotations

from typing import Any

from django import template

from crime.forms import CrimeWindowForm
from crime.summary import area_summary, category_name, months_with_data

register = template.Library()


def _points_geojson(points: list[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for point in points:
        count = point["n"]
        label = f"{count} {'record' if count == 1 else 'records'}: {point['location_text'] or 'no street name'}"
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [point["longitude"], point["latitude"]]},
                # The label reaches Leaflet as text, never HTML (static/npt/map.js).
                "properties": {"kind": "crime-point", "label": label, "count": count},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@register.inclusion_tag("crime/_panel.html", takes_context=True)
def crime_panel(context: template.Context, *, neighbourhood: Any = None, lsoa: Any = None) -> dict[str, Any]:
    request = context["request"]
    available = months_with_data()
    form = CrimeWindowForm.from_query(request.GET, available=available)
    window = form.window()
    area = neighbourhood if neighbourhood is not None else lsoa
    summary = None
    points_geojson = None
    if window is not None:
        summary = area_summary(
            start=window[0],
            end=window[1],
            neighbourhoods=[neighbourhood.pk] if neighbourhood is not None else None,
            lsoas=[lsoa.pk] if lsoa is not None else None,
            category=form.category(),
            with_points=True,
        )
        points_geojson = _points_geojson(summary.points)
    category = form.category()
    return {
        "request": request,
        "form": form,
        "area_name": str(getattr(area, "name", "") or getattr(area, "code", "")),
        "summary": summary,
        "available": available,
        "points_geojson": points_geojson,
        "map_category": category_name(category) if category else "All types",
        "panel_id": "crime",
    }
