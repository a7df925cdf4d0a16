"""RAG status against the force's thresholds, and the trend from earlier periods' snapshots (issue 15).

The inspector dashboard shows each figure "with RAG against the force's thresholds and a trend arrow" (issue 15;
guide 1106–1127: rigorous performance management against local commitments). Rules kept here:

- A status is always said in words ("Green: at or above 80%"); the colour only repeats it (WCAG 1.4.1).
- A missing figure is "Not available", never red; a measure without a threshold is "No threshold set".
- The trend compares the figure with the same scope's stored values (``MeasureSnapshot``, written by the
  ``performance.snapshot`` job) for earlier periods of the same length; without one there is no arrow, and the
  page says so. The earlier values are listed in a table (the chart's table twin).

Everything a page needs is read in two queries (thresholds of the forces in view, snapshots of the scopes in
view), whatever the number of teams and neighbourhoods.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from performance.compute import Period, Value
from performance.models import MeasureSnapshot, Threshold
from performance.registry import BY_KEY, Measure, Unit

TREND_PERIODS = 4  # earlier periods listed in the trend table


def months_in(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def comparable(measure: Measure, value: float | None, covered: int) -> float | None:
    """The number a threshold is compared with: percent for shares and changes, per neighbourhood for counts."""
    if value is None:
        return None
    if measure.unit == Unit.COUNT:
        return value / covered if covered else None
    return value * 100


def threshold_text(measure: Measure, threshold: Threshold) -> str:
    unit = "%" if measure.unit != Unit.COUNT else " a neighbourhood"
    op = "or more" if threshold.direction == Threshold.Direction.HIGHER else "or less"
    return f"green at {threshold.green:g}{unit} {op}, amber at {threshold.amber:g}{unit} {op}"


@dataclass(frozen=True)
class Status:
    key: str  # green, amber, red, none (no threshold), missing (no figure)
    label: str  # the words said on the page: the colour never stands alone
    detail: str = ""

    @property
    def tag_class(self) -> str:
        return {"green": "govuk-tag--green", "amber": "govuk-tag--yellow", "red": "govuk-tag--red"}.get(
            self.key, "govuk-tag--grey"
        )


NOT_AVAILABLE = Status("missing", "Not available", "No figure, so no status (missing is never red).")
NO_THRESHOLD = Status("none", "No threshold set", "The force has not set a target for this measure.")


def status_of(value: Value, threshold: Threshold | None) -> Status:
    number = comparable(value.measure, value.value, value.covered)
    if number is None:
        return NOT_AVAILABLE
    if threshold is None:
        return NO_THRESHOLD
    higher = threshold.direction == Threshold.Direction.HIGHER
    detail = threshold_text(value.measure, threshold)
    if (number >= threshold.green) if higher else (number <= threshold.green):
        return Status("green", "Green: meets the target", detail)
    if (number >= threshold.amber) if higher else (number <= threshold.amber):
        return Status("amber", "Amber: near the target", detail)
    return Status("red", "Red: misses the target", detail)


@dataclass(frozen=True)
class Earlier:
    """One earlier period's stored value of a scope's measure (a row of the trend table)."""

    start: dt.date
    end: dt.date
    value: float | None
    numerator: float | None
    denominator: float | None
    missing: str
    shown: str  # the value as the page shows it

    @property
    def period(self) -> str:
        return str(Period(self.start, self.end))


@dataclass(frozen=True)
class Trend:
    arrow: str  # ↑ ↓ → or "" (shown aria-hidden; the text says it)
    text: str
    earlier: list[Earlier] = field(default_factory=list)


def display(measure: Measure, value: float | None) -> str:
    if value is None:
        return "not available"
    if measure.unit == Unit.SHARE:
        return f"{value:.0%}"
    if measure.unit == Unit.CHANGE:
        return f"{value:+.0%}"
    return f"{value:g}"


def trend_of(value: Value, earlier: list[Earlier], threshold: Threshold | None) -> Trend:
    if not earlier:
        return Trend("", "No earlier period stored")
    last = next((e for e in earlier if e.value is not None), None)
    if value.value is None or last is None:
        return Trend("", "No trend: a figure is missing", earlier)
    assert last.value is not None
    then = last.shown
    if abs(value.value - last.value) < 1e-9:
        return Trend("→", f"No change from {then} ({last.period})", earlier)
    up = value.value > last.value
    judged = ""
    if threshold is not None:
        better = up == (threshold.direction == Threshold.Direction.HIGHER)
        judged = ", better" if better else ", worse"
    return Trend("↑" if up else "↓", f"{'Up' if up else 'Down'} from {then} ({last.period}){judged}", earlier)


@dataclass(frozen=True)
class Figure:
    """A measure's figure with its status and trend: what the dashboard cells and the CSV show."""

    v: Value
    status: Status
    trend: Trend

    def __getattr__(self, name: str) -> Any:
        # Templates written for a Value (measure, display, missing, coverage, as_at) read a Figure the same way.
        return getattr(self.v, name)


Scope = tuple[str, int]  # (MeasureSnapshot.Scope, id)


class Judge:
    """The thresholds and earlier snapshots a page needs, read once, turning values into figures."""

    def __init__(self, *, force_ids: Iterable[int], scopes: Iterable[Scope], period: Period) -> None:
        self.period = period
        self.thresholds: dict[tuple[int, str], Threshold] = {
            (t.force_id, t.measure): t for t in Threshold.objects.filter(force_id__in=set(force_ids))
        }
        wanted = list(set(scopes))
        self.earlier: dict[tuple[str, int, str], list[Earlier]] = defaultdict(list)
        if not wanted:
            return
        by_scope: dict[str, list[int]] = defaultdict(list)
        for scope, pk in wanted:
            by_scope[scope].append(pk)
        where = Q()
        for scope, pks in by_scope.items():
            where |= Q(scope=scope, scope_id__in=pks)
        length = months_in(period.start, period.end)
        rows = (
            MeasureSnapshot.objects.filter(where, period_end__lt=period.end)
            .order_by("-period_end")
            .values_list(
                "scope",
                "scope_id",
                "measure",
                "period_start",
                "period_end",
                "value",
                "numerator",
                "denominator",
                "missing",
            )
        )
        for scope, pk, measure, start, end, value, num, den, missing in rows:
            # Only whole periods of the same length compare (3 months against 3 months).
            if start.day != 1 or months_in(start, end) != length or measure not in BY_KEY:
                continue
            found = self.earlier[(scope, pk, measure)]
            if len(found) < TREND_PERIODS:
                found.append(Earlier(start, end, value, num, den, missing, display(BY_KEY[measure], value)))

    def threshold(self, force_id: int, key: str) -> Threshold | None:
        return self.thresholds.get((force_id, key))

    def figure(self, value: Value, *, force_id: int, scope: Scope | None) -> Figure:
        threshold = self.threshold(force_id, value.measure.key)
        earlier = self.earlier.get((scope[0], scope[1], value.measure.key), []) if scope else []
        return Figure(value, status_of(value, threshold), trend_of(value, earlier, threshold))

    def figures(self, values: Iterable[Value], *, force_id: int, scope: Scope | None) -> list[Figure]:
        return [self.figure(v, force_id=force_id, scope=scope) for v in values]
