"""Crime evidence for a plan's area: the Scanning baseline and the Assessment's before and after figures.

Issue 10 §2 "Data evidence" and §8 "Assessment": the crime counts for the plan's area (the whole neighbourhood,
or the LSOAs chosen from it), its categories and equal-length windows before and after the response started.
Crimes are counted only through ``crime.queries.crime_counts`` (never a second way), by the impact app's engine
(``impact.selectors.before_after``, issue 13 "Per plan"), so a plan and an impact study over the same area and
windows give the same figures. A month with no police.uk data is shown as missing, never as 0, and a window with
missing months has no "change" figure, because a fall made of unpublished months is not a fall (guide
21356–21543: other explanations for a change).

Caveats shown with the figures: police.uk places every crime at an approximate snap point and gives its LSOA,
so a crime near the edge of the area may belong to a neighbour; and recorded crime moves with recording practice
and reporting, not only with what happens (guide 21356–21543).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from crime.categories import CATEGORY_SLUGS
from crime.coverage import WindowCoverage
from crime.models import CrimeRelease
from crime.queries import months_imported
from crime.summary import category_name
from impact.selectors import BeforeAfter, WindowCounts, before_after
from problem_solving.models import Plan

SOURCE = "police.uk street-level crime data, as imported into NPT"
# Every category a plan may choose: the police.uk slugs, in the order police.uk lists them, once each.
CATEGORY_CHOICES = [(slug, category_name(slug)) for slug in dict.fromkeys(CATEGORY_SLUGS.values())]


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    window: str  # "before" or "after"
    count: int | None  # None: no police.uk data for this month (missing, never 0)
    note: str = ""  # a partial month's warning


@dataclass(frozen=True)
class Window:
    name: str
    start: dt.date
    end: dt.date
    rows: list[MonthRow]

    @property
    def months(self) -> int:
        return len(self.rows)

    @property
    def covered(self) -> int:
        return sum(1 for row in self.rows if row.count is not None)

    @property
    def complete(self) -> bool:
        return self.covered == self.months and not any(row.note for row in self.rows)

    @property
    def total(self) -> int | None:
        """The crimes in the months with data; None when no month has data."""
        if not self.covered:
            return None
        return sum(row.count for row in self.rows if row.count is not None)


@dataclass(frozen=True)
class CategoryRow:
    slug: str
    name: str
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class Evidence:
    area: str
    lsoa_codes: list[str]
    categories: list[str]  # display names; empty: all categories
    before: Window
    after: Window | None  # None until the response has a start date
    by_category: list[CategoryRow]
    coverage: WindowCoverage
    as_at: dt.date | None  # the latest month with data in the windows
    engine: BeforeAfter | None = None  # the impact engine's figures these are built from
    source: str = SOURCE
    caveats: list[str] = field(default_factory=list)

    @property
    def comparable(self) -> bool:
        """Both windows complete: only then is the change a figure (missing months are not zeros)."""
        return self.after is not None and self.before.complete and self.after.complete

    @property
    def change(self) -> int | None:
        if not self.comparable or self.after is None or self.before.total is None or self.after.total is None:
            return None
        return self.after.total - self.before.total

    @property
    def change_percent(self) -> float | None:
        """The impact engine's % change (``impact.stats.pct_change``, two decimals as a study stores it)."""
        return None if self.engine is None else self.engine.pct_change


def windows(plan: Plan, latest: dt.date | None) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date] | None]:
    """The before and after windows (months, inclusive) of equal length ``evidence_months``.

    With a response start date, before is the N months up to the month before it and after the N months from
    its month. Without one, the baseline is the latest N months with data (or ending last month if none).
    """
    n = plan.evidence_months
    if plan.intervention_start is not None:
        start = plan.intervention_start.replace(day=1)
        return (add_months(start, -n), add_months(start, -1)), (start, add_months(start, n - 1))
    end = latest or add_months(timezone.localdate().replace(day=1), -1)
    return (add_months(end, -(n - 1)), end), None


def _window(counts: WindowCounts) -> Window:
    rows = [MonthRow(month, counts.name, n, counts.partial.get(month, "")) for month, n in counts.by_month.items()]
    return Window(counts.name, counts.start, counts.end, rows)


def latest_month() -> dt.date | None:
    """The newest police.uk month loaded: from the releases (one indexed aggregate), else from the crimes
    themselves when they came without releases (demo data).
    """
    newest = CrimeRelease.objects.current().aggregate(newest=Max("month"))["newest"]
    if newest is not None:
        return newest
    imported = months_imported()
    return imported[-1] if imported else None


def plan_evidence(plan: Plan, *, latest: dt.date | None = None) -> Evidence:
    """The crime evidence for PLAN: the impact engine's before/after figures (one ``crime_counts`` query).

    LATEST (the newest month with data) places the baseline when the plan has no response start; the caller
    may pass it so a list of plans asks once (``latest_month``).
    """
    neighbourhood = plan.neighbourhood
    lsoas = list(plan.area_lsoas.order_by("code"))
    if latest is None and plan.intervention_start is None:
        latest = latest_month()
    before_span, after_span = windows(plan, latest)
    categories = list(plan.crime_categories) or None
    # The impact engine's figures (issue 13 "Per plan"): the same count and % change an impact study gives.
    figures = before_after(
        before=before_span,
        after=after_span,
        categories=categories,
        neighbourhoods=None if lsoas else [neighbourhood.pk],
        lsoas=[lsoa.pk for lsoa in lsoas] if lsoas else None,
        forces=[neighbourhood.force.slug] if lsoas else None,
    )
    before = _window(figures.before)
    after = _window(figures.after) if figures.after else None
    rows = [CategoryRow(row.slug, category_name(row.slug), row.before, row.after) for row in figures.by_category]
    with_data = [row.month for w in (before, after) if w for row in w.rows if row.count is not None]
    area = (
        f"{len(lsoas)} LSOA{'s' if len(lsoas) != 1 else ''} of {neighbourhood.name}"
        if lsoas
        else f"The whole of {neighbourhood.name}"
    )
    return Evidence(
        area=area,
        lsoa_codes=[lsoa.code for lsoa in lsoas],
        categories=[category_name(slug) for slug in categories or []],
        before=before,
        after=after,
        by_category=rows,
        coverage=figures.coverage,
        engine=figures,
        as_at=max(with_data) if with_data else None,
        caveats=[
            "police.uk moves every crime to an approximate snap point and gives its LSOA, so crimes near the "
            "edge of the area may belong to a neighbouring area.",
            "Recorded crime also changes with recording practice, reporting and police activity, not only with "
            "the problem; weigh other explanations before crediting the response.",
        ],
    )
