"""Aggregate crime counts that scoring, SARA assessment and impact evaluation reuse.

Counts are grouped by any of neighbourhood, LSOA, month and category. A group with no crimes is absent
from the result, never a zero: the caller knows which areas and months it asked about, and "no data
imported" must not read as "no crime" (architecture, "Data truth"). The result is a dict that also
carries its ``coverage`` (crime.coverage.WindowCoverage): the months with data, and the gaps (absent or
unusually small force-months) inside the window, so a figure says what it rests on.

LSOAs come in two vintages (ADR 0007): group by "lsoa" (or "lsoa11") for LSOA 2011 and by "lsoa21" for
LSOA 2021; each crime links to the LSOA of each loaded vintage it lies in, so either grouping counts
every crime once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from crime.coverage import WindowCoverage, window_coverage
from crime.models import Crime, CrimeQuerySet, CrimeRelease
from geography.models import LSOACrosswalk, Neighbourhood

GROUPS = {
    "neighbourhood": "neighbourhood_id",
    "lsoa": "lsoa_id",
    "lsoa11": "lsoa_id",
    "lsoa21": "lsoa21_id",
    "month": "month",
    "category": "category",
}


class CrimeCounts(dict[tuple[Any, ...], int]):
    """Counts keyed by group, plus the coverage of the window they were counted over."""

    coverage: WindowCoverage

    @property
    def months(self) -> list[dt.date]:
        """The months of the window with data: a month not listed has no data (never read it as 0)."""
        return self.coverage.months

    @property
    def gaps(self) -> list[Any]:
        return self.coverage.gaps


def crime_counts(
    *,
    by: Sequence[str],
    start: dt.date | None = None,
    end: dt.date | None = None,
    categories: Iterable[str] | None = None,
    neighbourhoods: Iterable[int] | None = None,
    lsoas: Iterable[int] | None = None,
    queryset: CrimeQuerySet | None = None,
    forces: Iterable[str] | None = None,
) -> CrimeCounts:
    """Crime counts keyed by a tuple of the BY groups (e.g. ``by=("lsoa", "month")``).

    START and END are months, inclusive (any day of the month). Rows not linked to a neighbourhood or
    LSOA group under None. QUERYSET narrows the crimes first (e.g. ``Crime.objects.visible_to(user)``).
    LSOAS may be of either vintage. The result's ``coverage`` covers FORCES (police.uk ids; default: the
    forces of NEIGHBOURHOODS when given and loaded, else every loaded force).
    """
    unknown = set(by) - GROUPS.keys()
    if unknown or not by:
        raise ValueError(f"group crimes by some of {sorted(GROUPS)}, not {sorted(unknown) or 'nothing'}")
    neighbourhoods = list(neighbourhoods) if neighbourhoods is not None else None
    crimes = _narrowed(queryset, start, end, categories, neighbourhoods, lsoas)
    fields = [GROUPS[group] for group in by]
    rows = crimes.order_by().values(*fields).annotate(n=Count("pk"))
    result = CrimeCounts({tuple(row[field] for field in fields): row["n"] for row in rows})
    result.coverage = counts_coverage(start=start, end=end, forces=forces, neighbourhoods=neighbourhoods)
    return result


def _narrowed(
    queryset: CrimeQuerySet | None,
    start: dt.date | None,
    end: dt.date | None,
    categories: Iterable[str] | None,
    neighbourhoods: Iterable[int] | None,
    lsoas: Iterable[int] | None,
) -> CrimeQuerySet:
    """The crimes every count starts from: QUERYSET (default all) in the window, categories and areas given.

    LSOAS may be of either vintage (``in_lsoas``).
    """
    crimes = (queryset if queryset is not None else Crime.objects.all()).in_months(start, end)
    if categories is not None:
        crimes = crimes.filter(category__in=list(categories))
    if neighbourhoods is not None:
        crimes = crimes.filter(neighbourhood_id__in=list(neighbourhoods))
    if lsoas is not None:
        crimes = crimes.in_lsoas(list(lsoas))
    return crimes


def counts_coverage(
    *,
    start: dt.date | None,
    end: dt.date | None,
    forces: Iterable[str] | None = None,
    neighbourhoods: Iterable[int] | None = None,
) -> WindowCoverage:
    """The coverage a count over START..END rests on (see crime_counts)."""
    if forces is None and neighbourhoods is not None:
        slugs = set(Neighbourhood.objects.filter(pk__in=list(neighbourhoods)).values_list("force__slug", flat=True))
        if CrimeRelease.objects.filter(force__in=slugs).exists():
            forces = slugs
    covered = window_coverage(start=start, end=end, forces=forces)
    if covered.forces:
        return covered
    # Crimes made outside the importer (demo data) have no releases: their months are all we know.
    return WindowCoverage(forces=[], months=months_imported(Crime.objects.in_months(start, end)))


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
    crimes = _narrowed(queryset, start, end, categories, neighbourhoods, lsoas).located()
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


def crime_counts_by_lsoa(
    *,
    vintage: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    categories: Iterable[str] | None = None,
    queryset: CrimeQuerySet | None = None,
) -> dict[int | None, float]:
    """Crimes per LSOA of VINTAGE (2011 or 2021), counting every crime whichever code it carried.

    A crime linked at VINTAGE counts 1 there. A crime linked only at the other vintage is apportioned through
    the crosswalk (geography.crosswalk, docs/lsoa-crosswalk.md): exactly for a split LSOA, by area for a merged one, so a value can be
    fractional. Crimes with no link at either vintage, or none the crosswalk can carry, group under None.
    """
    if vintage not in (2011, 2021):
        raise ValueError(f"LSOA vintage must be 2011 or 2021, not {vintage!r}")
    here, there = ("lsoa_id", "lsoa21_id") if vintage == 2011 else ("lsoa21_id", "lsoa_id")
    crimes = (queryset if queryset is not None else Crime.objects.all()).in_months(start, end)
    if categories is not None:
        crimes = crimes.filter(category__in=list(categories))
    result: dict[int | None, float] = {}
    for pk, n in crimes.order_by().values(here).annotate(n=Count("pk")).values_list(here, "n"):
        if pk is not None:
            result[pk] = result.get(pk, 0) + n
    others = dict(
        crimes.filter(**{f"{here}__isnull": True})
        .order_by()
        .values(there)
        .annotate(n=Count("pk"))
        .values_list(there, "n")
    )
    unlinked = others.pop(None, 0)
    # Apportion by the share of the other vintage's LSOA lying in each LSOA of this vintage.
    side, other_side, share = ("lsoa11_id", "lsoa21_id", "share_of_2021") if vintage == 2011 else (
        "lsoa21_id", "lsoa11_id", "share_of_2011")  # fmt: skip
    carried: set[int] = set()
    rows = LSOACrosswalk.objects.filter(**{f"{other_side}__in": list(others)}).values_list(side, other_side, share)
    for pk, other, weight in rows:
        result[pk] = result.get(pk, 0) + others[other] * weight
        carried.add(other)
    unlinked += sum(n for other, n in others.items() if other not in carried)
    if unlinked:
        result[None] = unlinked
    return result


@dataclass(frozen=True)
class CountColumn:
    """One column of ``crime_counts_by_lsoa_columns``: the months START..END (inclusive) of some categories.

    CATEGORIES None counts every category; EXCLUDE leaves these categories out (e.g. all crime but ASB).
    """

    start: dt.date
    end: dt.date
    categories: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()

    def q(self) -> Q:
        where = Q(month__gte=self.start.replace(day=1), month__lte=self.end.replace(day=1))
        if self.categories is not None:
            where &= Q(category__in=list(self.categories))
        if self.exclude:
            where &= ~Q(category__in=list(self.exclude))
        return where


def crime_counts_by_lsoa_columns(
    *,
    vintage: int,
    columns: Mapping[str, CountColumn],
    lsoas: Iterable[int] | None = None,
    queryset: CrimeQuerySet | None = None,
) -> dict[str, dict[int | None, float]]:
    """Several counts per LSOA of VINTAGE in one pass over the crime table: column name -> LSOA id -> count.

    The same rule as ``crime_counts_by_lsoa`` (a crime linked at VINTAGE counts 1 there; one linked only at the
    other vintage is apportioned through the crosswalk; the rest group under None), for many windows and
    category sets at once, so that scoring a whole force or the nation is one GROUP BY, not one per figure.
    An LSOA with no crimes in a column is absent from it: the caller decides what absent means (the window's
    coverage says whether it is a zero). LSOAS (of VINTAGE) narrows the crimes to those areas first.
    """
    if vintage not in (2011, 2021):
        raise ValueError(f"LSOA vintage must be 2011 or 2021, not {vintage!r}")
    if not columns:
        return {}
    here, there = ("lsoa_id", "lsoa21_id") if vintage == 2011 else ("lsoa21_id", "lsoa_id")
    crimes = queryset if queryset is not None else Crime.objects.all()
    first = min(column.start for column in columns.values())
    last = max(column.end for column in columns.values())
    crimes = crimes.in_months(first, last)
    names = list(columns)
    aggregates = {f"c{i}": Count("pk", filter=columns[name].q()) for i, name in enumerate(names)}
    result: dict[str, dict[int | None, float]] = {name: {} for name in names}
    linked = crimes.filter(**{f"{here}__isnull": False})
    if lsoas is not None:
        ids = list(lsoas)
        linked = linked.filter(**{f"{here}__in": ids})
    for row in linked.order_by().values(here).annotate(**aggregates).values_list(here, *aggregates):
        for name, n in zip(names, row[1:], strict=True):
            if n:
                result[name][row[0]] = float(n)
    # Crimes linked only at the other vintage: counted there, then carried by the crosswalk's area shares.
    others: dict[str, dict[int | None, int]] = {name: {} for name in names}
    unlinked = crimes.filter(**{f"{here}__isnull": True})
    for row in unlinked.order_by().values(there).annotate(**aggregates).values_list(there, *aggregates):
        for name, n in zip(names, row[1:], strict=True):
            if n:
                others[name][row[0]] = n
    side, other_side, share = ("lsoa11_id", "lsoa21_id", "share_of_2021") if vintage == 2011 else (
        "lsoa21_id", "lsoa11_id", "share_of_2011")  # fmt: skip
    other_ids = {pk for counts in others.values() for pk in counts if pk is not None}
    links = LSOACrosswalk.objects.filter(**{f"{other_side}__in": list(other_ids)})
    if lsoas is not None:
        links = links.filter(**{f"{side}__in": ids})
    rows = list(links.values_list(side, other_side, share)) if other_ids else []
    carried = {other for _, other, _ in rows}
    for name in names:
        counts = result[name]
        for pk, other, weight in rows:
            n = others[name].get(other)
            if n:
                counts[pk] = counts.get(pk, 0.0) + n * weight
        lost = others[name].get(None, 0) + sum(n for o, n in others[name].items() if o is not None and o not in carried)
        if lost and lsoas is None:
            counts[None] = counts.get(None, 0.0) + lost
    return result
