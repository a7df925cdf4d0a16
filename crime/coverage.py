"""Which force-months of police.uk data are loaded, from the releases (ADR 0007): missing is not zero.

A force's months run from its first to its last imported release. A month in that span with no release is
a gap ("absent"), and so is a month whose release holds less than half the force's median month ("small"):
police.uk has published partial months (e.g. no Greater Manchester street-level data from July 2019 on),
and a count built on one would read as a fall in crime. Months outside every force's span are simply not
covered. Every crime figure states the months it covers through ``window_coverage``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median

from crime.models import CrimeRelease

SMALL_SHARE = 0.5  # a month below this share of the force's median month is a gap


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def month_span(start: dt.date, end: dt.date) -> list[dt.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


@dataclass(frozen=True)
class ForceMonth:
    force: str
    month: dt.date
    records: int | None  # None when no release is loaded: missing, never 0
    gap: str = ""  # "", "absent" or "small"

    @property
    def note(self) -> str:
        if self.gap == "absent":
            return "no data loaded for this month"
        if self.gap == "small":
            return f"only {self.records:,} records, under half the force's usual month"
        return ""


def coverage(*, forces: Iterable[str] | None = None) -> dict[str, list[ForceMonth]]:
    """Force id -> every month from its first to its last release, with counts and gaps, oldest first."""
    releases = CrimeRelease.objects.current()
    if forces is not None:
        releases = releases.filter(force__in=list(forces))
    by_force: dict[str, dict[dt.date, int]] = {}
    for force, month, records in releases.values_list("force", "month", "records"):
        by_force.setdefault(force, {})[month] = records
    table: dict[str, list[ForceMonth]] = {}
    for force in sorted(by_force):
        counts = by_force[force]
        usual = median(counts.values())
        table[force] = [
            ForceMonth(force, month, None, "absent")
            if month not in counts
            else ForceMonth(force, month, counts[month], "small" if counts[month] < SMALL_SHARE * usual else "")
            for month in month_span(min(counts), max(counts))
        ]
    return table


@dataclass(frozen=True)
class WindowCoverage:
    """What a figure over a window of months rests on."""

    forces: list[str]
    months: list[dt.date]  # months of the window with data (from at least one force; gaps flagged below)
    gaps: list[ForceMonth] = field(default_factory=list)  # absent or small force-months inside the window
    missing: list[dt.date] = field(default_factory=list)  # window months outside the loaded data

    @property
    def complete(self) -> bool:
        return not self.gaps and not self.missing

    def statement(self) -> str:
        """One sentence for the figure's caption."""
        if not self.months:
            return "No police.uk data is loaded for these months."
        text = f"police.uk data for {self.months[0]:%B %Y} to {self.months[-1]:%B %Y}"
        if self.gaps:
            listed = ", ".join(f"{gap.force} {gap.month:%B %Y} ({gap.note})" for gap in self.gaps)
            text += f"; gaps: {listed}"
        if self.missing:
            text += f"; {len(self.missing)} month(s) of the window have no data"
        return text + "."


def window_coverage(
    *, start: dt.date | None = None, end: dt.date | None = None, forces: Iterable[str] | None = None
) -> WindowCoverage:
    """The coverage of the months START to END (open ends: the loaded span) for FORCES (default: all)."""
    table = coverage(forces=forces)
    if not table:
        return WindowCoverage(forces=[], months=[], missing=month_span(start, end) if start and end else [])
    first = min(row[0].month for row in table.values())
    last = max(row[-1].month for row in table.values())
    window = month_span((start or first).replace(day=1), (end or last).replace(day=1))
    loaded = {force: {row.month: row for row in rows} for force, rows in table.items()}
    months, missing, gaps = [], [], []
    for month in window:
        rows = {force: loaded[force].get(month) for force in table}
        if all(row is None or row.records is None for row in rows.values()):
            missing.append(month)
        else:
            months.append(month)
        for force, row in rows.items():
            if row is None and month in missing:
                continue  # outside every force's data: listed as missing, not as a gap
            if row is None:
                gaps.append(ForceMonth(force, month, None, "absent"))
            elif row.gap:
                gaps.append(row)
    return WindowCoverage(forces=sorted(table), months=months, gaps=gaps, missing=missing)
