"""The deployment map's point layers: active priorities, upcoming engagement events and police.uk crime points.

Each layer is one force's points the reader may see, read through the owning app's selector (priorities and
engagement through the selectors named in ``[tool.importlinter]``; crime through ``crime.queries.crime_points``,
the crime app's one function for located counts) and cut by the reader's tier (``accounts.tiers.max_tier``):
a partner sees partner- and public-tier priorities and events of their own areas only. The API
(``/api/deployment/layers/points/``) and the map page's table twins both read ``overlay_points``, so the twin
is the same data as the layer. Text is data: the map puts it in the DOM with textContent (map.js).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from accounts.tiers import max_tier
from crime.models import Crime
from crime.queries import crime_points, months_imported
from crime.summary import CATEGORY_NAMES
from engagement.event_selectors import upcoming_events_located
from geography.models import Force, Neighbourhood
from priorities.selectors import active_priorities_located

OVERLAYS = [
    ("priorities", "Active priorities"),
    ("events", "Upcoming engagement events"),
    ("crimes", "Crime points (police.uk snap points)"),
]
# A force's month has thousands of snap points; the layer and its twin carry the busiest ones, and say so.
CRIME_POINT_LIMIT = 1000


@dataclass(frozen=True)
class MapPoint:
    layer: str
    name: str
    detail: str
    neighbourhood: str
    when: str
    count: int | None
    longitude: float
    latitude: float


@dataclass
class Overlay:
    key: str
    title: str
    points: list[MapPoint]
    note: str  # what the layer rests on: source, as-at, coverage; what it leaves out


def _scope(force: Force, user: Any) -> list[Neighbourhood]:
    return list(Neighbourhood.objects.visible_to(user).filter(force=force).order_by("pk"))


def _priorities(neighbourhoods: list[Neighbourhood], user: Any) -> Overlay:
    rows = active_priorities_located(neighbourhood_ids=[n.pk for n in neighbourhoods], tier=max_tier(user))
    points = [
        MapPoint(
            layer="priorities",
            name=p.title,
            detail=p.location_text or p.get_category_display(),
            neighbourhood=p.neighbourhood.name,
            when=f"Active since {p.activated_on:%d %b %Y}" if p.activated_on else "Active",
            count=None,
            longitude=p.location.x,
            latitude=p.location.y,
        )
        for p in rows
        if p.location is not None  # the selector gives located rows only
    ]
    note = "Active neighbourhood priorities with a location, as recorded by the teams. Those without one are not drawn."
    return Overlay("priorities", "Active priorities", points, note)


def _events(neighbourhoods: list[Neighbourhood], user: Any) -> Overlay:
    rows = upcoming_events_located(neighbourhood_ids=[n.pk for n in neighbourhoods], tier=max_tier(user))
    points = [
        MapPoint(
            layer="events",
            name=e.title,
            detail=", ".join(part for part in (e.get_kind_display(), e.address) if part),
            neighbourhood=e.neighbourhood.name,
            when=f"{timezone.localtime(e.starts_at):%d %b %Y %H:%M}",
            count=None,
            longitude=e.location.x,
            latitude=e.location.y,
        )
        for e in rows
        if e.location is not None
    ]
    note = "Engagement events that have not finished yet and have a location, as recorded by the teams."
    return Overlay("events", "Upcoming engagement events", points, note)


def crime_months(force: Force) -> list[dt.date]:
    """The police.uk months loaded for FORCE, oldest first (the crime layer's month choices)."""
    return months_imported(Crime.objects.filter(neighbourhood__force=force))


def _crimes(
    neighbourhoods: list[Neighbourhood], user: Any, force: Force, month: dt.date | None, category: str | None
) -> Overlay:
    if month is None:
        loaded = crime_months(force)
        month = loaded[-1] if loaded else None
    if month is None:
        return Overlay("crimes", "Crime points", [], "No police.uk crime data is loaded for this force.")
    rows = crime_points(
        start=month,
        end=month,
        categories=[category] if category else None,
        neighbourhoods=[n.pk for n in neighbourhoods],
        queryset=Crime.objects.visible_to(user),
    )
    kind = CATEGORY_NAMES.get(category, category) if category else "All crime types"
    points = [
        MapPoint(
            layer="crimes",
            name=row["location_text"] or "Unnamed snap point",
            detail=kind,
            neighbourhood="",
            when=f"{month:%B %Y}",
            count=row["n"],
            longitude=row["longitude"],
            latitude=row["latitude"],
        )
        for row in rows[:CRIME_POINT_LIMIT]
    ]
    total = sum(row["n"] for row in rows)
    note = (
        f"police.uk street-level crime, {month:%B %Y}, {kind.lower()}: {total:,} located crimes at {len(rows):,} "
        "anonymised snap points (police.uk moves each crime to the nearest of a fixed set of points)."
    )
    if len(rows) > CRIME_POINT_LIMIT:
        note += f" Shown: the {CRIME_POINT_LIMIT:,} points with the most crimes."
    return Overlay("crimes", "Crime points", points, note)


def overlay_points(
    *, key: str, force: Force, user: Any, month: dt.date | None = None, category: str | None = None
) -> Overlay:
    """One point layer (KEY of OVERLAYS) of FORCE for USER: their neighbourhoods, their tier."""
    neighbourhoods = _scope(force, user)
    if key == "priorities":
        return _priorities(neighbourhoods, user)
    if key == "events":
        return _events(neighbourhoods, user)
    if key == "crimes":
        return _crimes(neighbourhoods, user, force, month, category)
    raise ValueError(f"no map layer {key!r}")
