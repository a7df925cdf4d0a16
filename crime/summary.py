"""What an area's crime looks like over a window of months: the reads behind the crime panels and pages.

Every figure comes from ``crime.queries`` (the one counting function) and says which months it covers. A month
inside the window with no imported data is shown as "no data", never as 0 (architecture, "Data truth").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from crime.categories import ASB, CATEGORY_SLUGS
from crime.coverage import month_span
from crime.queries import counts_coverage, crime_counts, crime_points

# Twelve months is the window the guide's profile and the deployment scores read (part1 §2.2).
DEFAULT_MONTHS = 12
# A window longer than this is refused: the month table stays readable and the queries stay bounded.
MAX_MONTHS = 60
SOURCE = "data.police.uk street-level crime and anti-social behaviour (Open Government Licence)"

# Display names by slug: the first CSV name for each slug is the current one.
CATEGORY_NAMES: dict[str, str] = {}
for _name, _slug in CATEGORY_SLUGS.items():
    CATEGORY_NAMES.setdefault(_slug, _name)


def category_name(slug: str) -> str:
    return CATEGORY_NAMES.get(slug, slug.replace("-", " ").capitalize())


def months_with_data() -> list[dt.date]:
    """The months for which police.uk data has been imported (any force), oldest first: the window choices."""
    return counts_coverage(start=None, end=None).months


def default_window(available: list[dt.date]) -> tuple[dt.date, dt.date] | None:
    """The last DEFAULT_MONTHS months ending with the newest imported month; None when nothing is imported."""
    if not available:
        return None
    end = available[-1]
    start = end
    for _ in range(DEFAULT_MONTHS - 1):
        start = (start - dt.timedelta(days=1)).replace(day=1)
    return start, end


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    has_data: bool
    crime: int | None  # None when the month has no data: missing, never 0
    asb: int | None
    gap: str = ""  # a force-month inside the window that is absent or unusually small (crime.coverage)

    @property
    def total(self) -> int | None:
        return None if self.crime is None or self.asb is None else self.crime + self.asb


@dataclass(frozen=True)
class CategoryRow:
    slug: str
    name: str
    count: int


@dataclass
class CrimeSummary:
    start: dt.date
    end: dt.date
    months: list[MonthRow]
    categories: list[CategoryRow]
    source: str = SOURCE
    coverage: str = ""  # one sentence: the months the figures rest on, and any gaps
    points: list[dict[str, object]] = field(default_factory=list)

    @property
    def months_covered(self) -> list[dt.date]:
        return [row.month for row in self.months if row.has_data]

    @property
    def months_missing(self) -> list[dt.date]:
        return [row.month for row in self.months if not row.has_data]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.categories)

    @property
    def largest_month(self) -> int:
        return max((row.total or 0 for row in self.months), default=0)


def area_summary(
    *,
    start: dt.date,
    end: dt.date,
    neighbourhoods: Iterable[int] | None = None,
    lsoas: Iterable[int] | None = None,
    category: str | None = None,
    with_points: bool = False,
) -> CrimeSummary:
    """Crime and ASB per month and per category for the areas given, over START..END (months, inclusive)."""
    neighbourhoods = list(neighbourhoods) if neighbourhoods is not None else None
    lsoas = list(lsoas) if lsoas is not None else None
    counts = crime_counts(by=("month", "category"), start=start, end=end, neighbourhoods=neighbourhoods, lsoas=lsoas)
    available = set(counts.coverage.months)
    gaps: dict[dt.date, list[str]] = {}
    for gap in counts.coverage.gaps:
        gaps.setdefault(gap.month, []).append(f"{gap.force}: {gap.note}")
    per_month: dict[dt.date, list[int]] = {}
    per_category: dict[str, int] = {}
    for (month, slug), n in counts.items():
        tally = per_month.setdefault(month, [0, 0])
        tally[1 if slug == ASB else 0] += n
        per_category[slug] = per_category.get(slug, 0) + n
    months = []
    for month in month_span(start, end):
        if month in available:
            crime, asb = per_month.get(month, [0, 0])
            months.append(
                MonthRow(month=month, has_data=True, crime=crime, asb=asb, gap="; ".join(gaps.get(month, [])))
            )
        else:
            months.append(MonthRow(month=month, has_data=False, crime=None, asb=None))
    categories = sorted(
        (CategoryRow(slug=slug, name=category_name(slug), count=n) for slug, n in per_category.items()),
        key=lambda row: (-row.count, row.name),
    )
    summary = CrimeSummary(
        start=start, end=end, months=months, categories=categories, coverage=counts.coverage.statement()
    )
    if with_points:
        summary.points = list(
            crime_points(
                start=start,
                end=end,
                neighbourhoods=neighbourhoods,
                lsoas=lsoas,
                categories=[category] if category else None,
            )
        )
    return summary
