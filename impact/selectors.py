"""The impact engine's before/after figures for one area, read by other apps (issue 13 "Per plan").

The SARA plan's assessment (issue 10 §8) shows the same before/after counts and % change an impact study
gives its treated group, so both come from here: counted by ``crime.queries.crime_counts`` in one query, the
% change by ``impact.stats.pct_change``, and a window's months with no data listed as missing, never as 0
(``impact.stats.window_totals`` refuses such a window; here it stays readable but has no change figure).
Other feature apps import this module only (import-linter "features" contract).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from crime.coverage import WindowCoverage, month_span
from crime.queries import crime_counts
from impact import stats


@dataclass(frozen=True)
class WindowCounts:
    """One window's crimes: per month (None: missing), per category over the months with data."""

    name: str  # "before" or "after"
    start: dt.date
    end: dt.date
    by_month: dict[dt.date, int | None]
    partial: dict[dt.date, str]  # a month with unusually few rows for its force: the coverage note
    by_category: dict[str, int]

    @property
    def months(self) -> list[dt.date]:
        return list(self.by_month)

    @property
    def missing(self) -> list[dt.date]:
        return [month for month, n in self.by_month.items() if n is None]

    @property
    def covered(self) -> int:
        return len(self.by_month) - len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.partial

    @property
    def total(self) -> int | None:
        """The crimes in the months with data; None when no month has data."""
        if not self.covered:
            return None
        return sum(n for n in self.by_month.values() if n is not None)


@dataclass(frozen=True)
class CategoryChange:
    slug: str
    before: int | None  # None: the window has no month with data
    after: int | None
    pct_change: float | None  # only when both windows are complete (stats.pct_change; None from 0 before)


@dataclass(frozen=True)
class BeforeAfter:
    before: WindowCounts
    after: WindowCounts | None
    by_category: list[CategoryChange]
    coverage: WindowCoverage

    @property
    def comparable(self) -> bool:
        """Both windows complete: only then is a change a figure (missing months are not zeros)."""
        return self.after is not None and self.before.complete and self.after.complete

    @property
    def change(self) -> stats.Change | None:
        if not self.comparable or self.after is None or self.before.total is None or self.after.total is None:
            return None
        return stats.Change(self.before.total, self.after.total)

    @property
    def pct_change(self) -> float | None:
        """As an impact run stores it (``stats.Change.as_dict``: two decimals)."""
        change = self.change
        return None if change is None else change.as_dict()["pct_change"]

    @property
    def missing(self) -> list[dt.date]:
        return [*self.before.missing, *(self.after.missing if self.after else [])]


def _window(
    name: str, span: tuple[dt.date, dt.date], counts: dict[tuple[dt.date, str], int], cover: WindowCoverage
) -> WindowCounts:
    months = month_span(*span)
    # Missing: no force has data for the month (outside the loaded span, or no crimes at all when the data came
    # without releases), or the area's force has no release for it.
    missing = set(months) - set(cover.months) | {gap.month for gap in cover.gaps if gap.gap == "absent"}
    by_month: dict[dt.date, int | None] = {month: None if month in missing else 0 for month in months}
    by_category: dict[str, int] = {}
    for (month, category), n in counts.items():
        if by_month.get(month, None) is not None:
            by_month[month] = (by_month[month] or 0) + n
            by_category[category] = by_category.get(category, 0) + n
    partial = {gap.month: gap.note for gap in cover.gaps if gap.gap == "small" and gap.month in by_month}
    return WindowCounts(name, span[0], span[1], by_month, partial, by_category)


def before_after(
    *,
    before: tuple[dt.date, dt.date],
    after: tuple[dt.date, dt.date] | None = None,
    categories: Iterable[str] | None = None,
    neighbourhoods: Iterable[int] | None = None,
    lsoas: Iterable[int] | None = None,
    forces: Iterable[str] | None = None,
) -> BeforeAfter:
    """Crimes in the area (NEIGHBOURHOODS, or LSOAS of either vintage) of CATEGORIES (None: all crime, ASB
    included, as the impact app's ``all-crime``) over the BEFORE and AFTER windows (months, inclusive).

    FORCES names whose coverage the figures rest on (default: the neighbourhoods' forces, as crime_counts).
    """
    chosen = list(categories) if categories is not None else None
    counts = crime_counts(
        by=("month", "category"),
        start=before[0],
        end=after[1] if after else before[1],
        categories=chosen,
        neighbourhoods=list(neighbourhoods) if neighbourhoods is not None else None,
        lsoas=list(lsoas) if lsoas is not None else None,
        forces=list(forces) if forces is not None else None,
    )
    keyed = {(month, category): n for (month, category), n in counts.items()}
    first = _window("before", before, keyed, counts.coverage)
    second = _window("after", after, keyed, counts.coverage) if after else None
    both = first.complete and second is not None and second.complete
    rows = []
    for slug in chosen or sorted({*first.by_category, *(second.by_category if second else {})}):
        b = first.by_category.get(slug, 0) if first.covered else None
        a = (second.by_category.get(slug, 0) if second.covered else None) if second else None
        pct = stats.pct_change(b, a) if both and b is not None and a is not None else None
        rows.append(CategoryChange(slug, b, a, None if pct is None else round(pct, 2)))
    return BeforeAfter(first, second, rows, counts.coverage)
