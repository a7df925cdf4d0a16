"""The building blocks of every measure: the period, a neighbourhood's tally, a measure's batch of tallies and the
context a page computes in (issue 15). Split from ``performance.compute`` so that measure modules reading other
apps (``performance.measures_engagement``) share them without importing each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from crime.coverage import month_span


def add_months(day: dt.date, months: int) -> dt.date:
    """DAY moved by MONTHS calendar months (clamped to the month's last day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


@dataclass(frozen=True)
class Period:
    """The days START to END, both included."""

    start: dt.date
    end: dt.date

    @property
    def start_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    @property
    def end_at(self) -> dt.datetime:
        """The moment after the period (exclusive)."""
        return timezone.make_aware(dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min))

    def months(self) -> list[dt.date]:
        return month_span(self.start.replace(day=1), self.end.replace(day=1))

    def previous_months(self) -> list[dt.date]:
        months = self.months()
        first = add_months(months[0], -len(months))
        return month_span(first, add_months(months[0], -1))

    def __str__(self) -> str:
        return f"{self.start:%d %b %Y} to {self.end:%d %b %Y}"


def default_period(today: dt.date | None = None) -> Period:
    """The last three whole calendar months (police.uk publishes by month)."""
    today = today or timezone.localdate()
    first_this_month = today.replace(day=1)
    return Period(add_months(first_this_month, -3), first_this_month - dt.timedelta(days=1))


@dataclass(frozen=True)
class Tally:
    numerator: float
    denominator: float | None = None


@dataclass
class Batch:
    """One measure's tallies by neighbourhood id, or why the whole measure is unavailable."""

    tallies: dict[int, Tally] = field(default_factory=dict)
    as_at: dt.datetime | None = None
    note: str = ""
    unavailable: str = ""


@dataclass
class Context:
    ids: list[int]
    period: Period
    now: dt.datetime
    cache: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, read: Callable[[], Any]) -> Any:
        """Measures that share a read (priorities, events, crime) make it once."""
        if key not in self.cache:
            self.cache[key] = read()
        return self.cache[key]
