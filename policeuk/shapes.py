"""NPT records in data.police.uk's JSON shapes (reference-anchors §1.2-1.4), public tier only.

Every function returns plain dicts with police.uk's own keys and types: strings for coordinates and population,
hyphenated keys where police.uk hyphenates, naive ISO datetimes, null for a missing action. Free text goes out
through an allow-list sanitiser (reference-anchors §1.7: HTML in police.uk text is passed through raw there).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import nh3
from django.utils import timezone

from crime.categories import CATEGORY_SLUGS
from crime.models import Crime
from geography.models import Force, Neighbourhood

# Formatting and links survive; scripts, styles, handlers and javascript: URLs do not (same list as the
# police_html template filter in core.templatetags.npt).
_CLEANER = nh3.Cleaner(
    tags={"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a"},
    clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "embed"},
    attributes={"a": {"href"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)
_SLUG_NAMES = {slug: name for name, slug in CATEGORY_SLUGS.items() if name != "Violent crime"}


def clean(text: str | None) -> str | None:
    """TEXT with only allow-listed HTML left; None and "" stay as they are."""
    return _CLEANER.clean(text) if text else text


def naive_iso(value: dt.datetime | None) -> str | None:
    """police.uk's datetime format: local time, no zone (``2016-09-17T12:00:00``)."""
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0).isoformat()


def _coord(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def force_summary(force: Force) -> dict[str, str]:
    return {"id": force.slug, "name": force.name}


def force_detail(force: Force) -> dict[str, Any]:
    # NPT keeps no force website, telephone or engagement methods: police.uk's keys with empty values.
    return {
        "id": force.slug,
        "name": force.name,
        "description": None,
        "url": None,
        "telephone": None,
        "engagement_methods": [],
    }


def neighbourhood_summary(hood: Neighbourhood) -> dict[str, str]:
    return {"id": hood.code, "name": hood.name}


def neighbourhood_detail(hood: Neighbourhood) -> dict[str, Any]:
    centre = (
        {"latitude": _coord(hood.centre.y), "longitude": _coord(hood.centre.x)}
        if hood.centre is not None
        else {"latitude": None, "longitude": None}
    )
    return {
        "url_force": hood.url_force or None,
        "contact_details": dict(hood.contact_details or {}),
        "name": hood.name,
        "links": [{**link, "description": clean(link.get("description"))} for link in hood.links or []],
        "centre": centre,
        "locations": [_location(item) for item in hood.locations or []],
        "description": clean(hood.description) or None,
        "id": hood.code,
        # police.uk writes "0" when it does not know the population; NPT stores that as missing and says so the
        # same way, so a police.uk client reads what it always read.
        "population": str(hood.population or 0),
        "welcome_message": clean(hood.welcome_message) or None,
    }


def _location(item: dict[str, Any]) -> dict[str, Any]:
    out = dict(item)
    for key in ("latitude", "longitude"):
        if out.get(key) is not None:
            out[key] = str(out[key])
    out["description"] = clean(out.get("description"))
    return out


def boundary(hood: Neighbourhood, *, srid: int = 4326) -> list[dict[str, str]]:
    """The outer ring(s) as police.uk's ``[{latitude, longitude}]`` strings; EPSG:27700 gives easting/northing."""
    if hood.boundary is None:
        return []
    geometry = hood.boundary if srid == 4326 else hood.boundary.transform(srid, clone=True)
    points: list[dict[str, str]] = []
    for polygon in geometry:  # type: ignore[attr-defined]  # a MultiPolygon iterates its polygons
        for x, y in polygon.exterior_ring.coords:
            if srid == 4326:
                points.append({"latitude": _coord(y), "longitude": _coord(x)})
            else:
                points.append({"easting": f"{x:.1f}", "northing": f"{y:.1f}"})
    return points


def person(officer: dict[str, Any]) -> dict[str, Any]:
    """queries.selectors.named_officers rows, cut to police.uk's four keys."""
    return {
        "name": officer["name"],
        "rank": officer["rank"],
        "bio": clean(officer.get("bio")) or None,
        "contact_details": {k: v for k, v in officer["contact_details"].items() if k in {"email", "telephone"}},
    }


def event(item: Any) -> dict[str, Any]:
    contact = {"telephone": item.contact} if item.contact else {}
    return {
        "contact_details": contact,
        "description": clean(item.description) or None,
        "title": item.title,
        "address": item.address or None,
        "type": item.kind,
        "start_date": naive_iso(item.starts_at),
        "end_date": naive_iso(item.ends_at),
    }


def priority(row: dict[str, str | None]) -> dict[str, str | None]:
    return {**row, "issue": clean(row["issue"]), "action": clean(row["action"])}


def _stable_int(text: str) -> int:
    # police.uk's ids "only relate to the API"; NPT's are derived from its own keys, stable across requests.
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def crime(record: Crime) -> dict[str, Any]:
    location = None
    if record.location is not None:
        location = {
            "latitude": _coord(record.location.y),
            "street": {"id": street_id(record.location.x, record.location.y), "name": record.location_text},
            "longitude": _coord(record.location.x),
        }
    return {
        "category": record.category,
        "location_type": "Force" if location else None,
        "location": location,
        "context": record.context,
        # The street CSV carries the last outcome but not its month: the date is unknown, so null.
        "outcome_status": {"category": record.last_outcome, "date": None} if record.last_outcome else None,
        "persistent_id": record.crime_id,
        "id": _stable_int(str(record.pk)),
        "location_subtype": "",
        "month": f"{record.month:%Y-%m}",
    }


def street_id(x: float, y: float) -> int:
    """A stable id for a snap point (NPT has no police.uk street ids; one point, one id)."""
    return _stable_int(f"{x:.6f},{y:.6f}")


def category(slug: str) -> dict[str, str]:
    return {"url": slug, "name": _SLUG_NAMES.get(slug, slug)}


ALL_CRIME = {"url": "all-crime", "name": "All crime and ASB"}
