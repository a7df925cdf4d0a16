"""Aggregate crime counts that scoring, SARA assessment and impact evaluation reuse.

Counts are grouped by any of neighbourhood, LSOA, month and category. A group with no crimes is absent
from the result, never a zero: the caller knows which areas and months it asked about, and "no data
imported" must not read as "no crime" (architecture, "Data truth"). ``months_imported`` says which
police.uk months the figures cover.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count

from crime.models import Crime, CrimeQuerySet

GROUPS = {"neighbourhood": "neighbourhood_id", "lsoa": "lsoa_id", "month": "month", "category": "category"}


def crime_counts(
    *,
    by: Sequence[str],
    start: dt.date | None = None,
    end: dt.date | None = None,
    categories: Iterable[str] | None = None,
    neighbourhoods: Iterable[int] | None = None,
    lsoas: Iterable[int] | None = None,
    queryset: CrimeQuerySet | None = None,
) -> dict[tuple[Any, ...], int]:
    """Crime counts keyed by a tuple of the BY groups (e.g. ``by=("lsoa", "month")``).

    START and END are months, inclusive (any day of the month). Rows not linked to a neighbourhood or
    LSOA group under None. QUERYSET narrows the crimes first (e.g. ``Crime.objects.visible_to(user)``).
    """
    unknown = set(by) - GROUPS.keys()
    if unknown or not by:
        raise ValueError(f"group crimes by some of {sorted(GROUPS)}, not {sorted(unknown) or 'nothing'}")
    crimes = (queryset if queryset is not None else Crime.objects.all()).in_months(start, end)
    if categories is not None:
        crimes = crimes.filter(category__in=list(categories))
    if neighbourhoods is not None:
        crimes = crimes.filter(neighbourhood_id__in=list(neighbourhoods))
    if lsoas is not None:
        crimes = crimes.filter(lsoa_id__in=list(lsoas))
    fields = [GROUPS[group] for group in by]
    rows = crimes.order_by().values(*fields).annotate(n=Count("pk"))
    return {tuple(row[field] for field in fields): row["n"] for row in rows}


def months_imported(queryset: CrimeQuerySet | None = None) -> list[dt.date]:
    """The police.uk months present, oldest first (the "as at" of any figure built from them)."""
    crimes = queryset if queryset is not None else Crime.objects.all()
    return list(crimes.order_by("month").values_list("month", flat=True).distinct())


def crime_points(
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    categories: Iterable[str] | None = None,
    neighbourhoods: Iterable[int] | None = None,
    lsoas: Iterable[int] | None = None,
    queryset: CrimeQuerySet | None = None,
) -> list[dict[str, Any]]:
    """Located crimes grouped by police.uk snap point: one row per point with its count, most first.

    police.uk moves every crime to the nearest of a fixed set of anonymised "snap points" (reference-anchors
    §1.2), so grouping by the published point *is* the clustering police.uk itself allows: no finer location
    exists to show. Each row has ``longitude``, ``latitude``, ``location_text`` and ``n``. Unlocated rows are
    not points; ``crime_counts`` still counts them.
    """
    crimes = (queryset if queryset is not None else Crime.objects.all()).in_months(start, end).located()
    if categories is not None:
        crimes = crimes.filter(category__in=list(categories))
    if neighbourhoods is not None:
        crimes = crimes.filter(neighbourhood_id__in=list(neighbourhoods))
    if lsoas is not None:
        crimes = crimes.filter(lsoa_id__in=list(lsoas))
    rows = crimes.order_by().values("location", "location_text").annotate(n=Count("pk")).order_by("-n", "location_text")
    return [
        {
            "longitude": row["location"].x,
            "latitude": row["location"].y,
            "location_text": row["location_text"],
            "n": row["n"],
        }
        for row in rows
    ]
