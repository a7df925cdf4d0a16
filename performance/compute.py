"""Computing the measures of the registry for a set of neighbourhoods and a period (issue 15).

Each measure is computed once per page as per-neighbourhood tallies (numerator, denominator), in a fixed number
of queries whatever the number of neighbourhoods; a team's or a force's figure is the sum of its neighbourhoods'
tallies, so every roll-up equals the hand sum (guide 1122–1123, 11615–11622: neighbourhood, team, BCU, force).
A neighbourhood with no input for a measure has no tally: it is missing, never 0, and the coverage says so.
Other apps are read only through their selectors; crime only through the crime app's counting function.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from crime.categories import ASB
from crime.queries import crime_counts
from engagement import event_selectors
from geography.models import Neighbourhood
from performance import measures_engagement
from performance.registry import BY_KEY, MEASURES, Measure, Unit
from performance.tallies import Batch, Context, Period, Tally, add_months, default_period
from priorities import selectors as priority_selectors
from profiles import selectors as profile_selectors
from queries import selectors as query_selectors

NOT_RECORDED = "not available: the source app does not record this yet"
NOT_BUILT = "not available: source not built"
NO_INPUT = "missing: nothing recorded to measure"
UP_TO_DATE_MONTHS = 3  # the Guarantee's "set or reviewed in the last 3 months" (reference-anchors §7)


@dataclass(frozen=True)
class Value:
    """A measure's figure for a group of neighbourhoods, with what it rests on."""

    measure: Measure
    value: float | None
    numerator: float | None
    denominator: float | None
    as_at: dt.datetime | None
    covered: int
    of: int
    note: str
    missing: str  # why there is no figure ("" when there is one)

    @property
    def coverage(self) -> str:
        text = f"{self.covered} of {self.of} neighbourhood{'s' if self.of != 1 else ''} with data"
        return f"{text}. {self.note}" if self.note else text + "."

    @property
    def display(self) -> str:
        if self.value is None:
            return self.missing
        if self.measure.unit == Unit.SHARE:
            return f"{self.value:.0%} ({self.numerator:g} of {self.denominator:g})"
        if self.measure.unit == Unit.CHANGE:
            return f"{self.value:+.0%} ({self.numerator:g} against {self.denominator:g})"
        return f"{self.value:g}"


def _named_officer(ctx: Context) -> Batch:
    missing = set(
        query_selectors.neighbourhoods_without_named_officer(Neighbourhood.objects.filter(pk__in=ctx.ids)).values_list(
            "pk", flat=True
        )
    )
    return Batch({pk: Tally(0 if pk in missing else 1, 1) for pk in ctx.ids}, ctx.now)


def _profile_review(ctx: Context) -> Batch:
    found = ctx.once(
        "profiles",
        lambda: profile_selectors.review_currency(neighbourhood_ids=ctx.ids, today=timezone.localdate(ctx.now)),
    )
    return Batch({pk: Tally(1 if current else 0, 1) for pk, (_last, current) in found.items()}, ctx.now)


def _priority_facts(ctx: Context) -> list[priority_selectors.PriorityFacts]:
    result: list[priority_selectors.PriorityFacts] = ctx.once(
        "priorities",
        lambda: priority_selectors.priority_facts(
            neighbourhood_ids=ctx.ids, start=ctx.period.start, end=ctx.period.end
        ),
    )
    return result


def _share_of_priorities(ctx: Context, counts: Callable[[Any], bool], hits: Callable[[Any], bool]) -> Batch:
    num: dict[int, int] = defaultdict(int)
    den: dict[int, int] = defaultdict(int)
    for facts in _priority_facts(ctx):
        if counts(facts):
            den[facts.neighbourhood_id] += 1
            num[facts.neighbourhood_id] += 1 if hits(facts) else 0
    return Batch({pk: Tally(num[pk], n) for pk, n in den.items()}, ctx.now)


def _priorities_up_to_date(ctx: Context) -> Batch:
    since = add_months(ctx.period.end, -UP_TO_DATE_MONTHS)

    def fresh(f: Any) -> bool:
        return any(day is not None and day >= since for day in (f.agreed_on, f.last_review_on))

    return _share_of_priorities(ctx, lambda f: True, fresh)


def _priorities_by_public(ctx: Context) -> Batch:
    batch = _share_of_priorities(ctx, lambda f: bool(f.proposed_by), lambda f: f.proposed_by == "public")
    unrecorded = sum(1 for f in _priority_facts(ctx) if not f.proposed_by)
    batch.note = f"{unrecorded} active priorit{'y does' if unrecorded == 1 else 'ies do'} not record who proposed it."
    return batch


def _you_said_we_did(ctx: Context) -> Batch:
    return _share_of_priorities(ctx, lambda f: True, lambda f: f.updates_in_period > 0)


def _events(ctx: Context) -> list[tuple[int, str, int | None]]:
    result: list[tuple[int, str, int | None]] = ctx.once(
        "events",
        lambda: event_selectors.events_held(
            neighbourhood_ids=ctx.ids, start=ctx.period.start_at, end=ctx.period.end_at
        ),
    )
    return result


def _count_events(ctx: Context, kinds: Iterable[str] | None) -> Batch:
    # The event log is the record: a neighbourhood with none recorded held none (a count, not a missing input).
    wanted = set(kinds) if kinds is not None else None
    counts = dict.fromkeys(ctx.ids, 0)
    for pk, kind, _attendance in _events(ctx):
        if wanted is None or kind in wanted:
            counts[pk] += 1
    return Batch({pk: Tally(n) for pk, n in counts.items()}, ctx.now, note="From the engagement event log.")


def _reach(ctx: Context) -> Batch:
    people: dict[int, int] = defaultdict(int)
    events = _events(ctx)
    counted = [(pk, attendance) for pk, _kind, attendance in events if attendance is not None]
    for pk, attendance in counted:
        people[pk] += attendance
    note = f"{len(counted)} of {len(events)} events recorded attendance."
    return Batch({pk: Tally(n) for pk, n in people.items()}, ctx.now, note=note)


def _queries(ctx: Context) -> Batch:
    groups = {str(pk): [pk] for pk in ctx.ids}
    rows = query_selectors.measures_by_group(groups, ctx.period.start_at, ctx.period.end_at, now=ctx.now)
    tallies = {int(m.label): Tally(m.answered_in_time, m.measurable) for m in rows if m.measurable}
    still = sum(m.still_in_time for m in rows)
    return Batch(tallies, ctx.now, note=f"{still} still inside their 72 hours (in neither count).")


def _crime(ctx: Context, *, asb: bool) -> Batch:
    current, previous = ctx.period.months(), ctx.period.previous_months()
    counts = ctx.once(
        "crime",
        lambda: crime_counts(
            by=("neighbourhood", "month", "category"), start=previous[0], end=current[-1], neighbourhoods=ctx.ids
        ),
    )
    statement = counts.coverage.statement()
    absent = sorted(set(current + previous) - set(counts.months))
    if absent:
        return Batch(
            as_at=ctx.now,
            note=statement,
            unavailable=f"missing: no police.uk data for {len(absent)} month(s) of the two windows",
        )
    now_n = dict.fromkeys(ctx.ids, 0)
    before_n = dict.fromkeys(ctx.ids, 0)
    # Every month of both windows has data, so a neighbourhood absent from the counts had none recorded.
    for (pk, month, category), n in counts.items():
        if pk not in now_n or (category == ASB) != asb:
            continue
        (now_n if month in current else before_n)[pk] += n
    return Batch({pk: Tally(now_n[pk], before_n[pk]) for pk in ctx.ids}, ctx.now, note=statement)


def _plugin(measure: Measure) -> Callable[[Context], Batch]:
    def compute(ctx: Context) -> Batch:
        module_name, _, function = measure.plugin.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            return Batch(unavailable=NOT_BUILT)
        read = getattr(module, function, None)
        if read is None:
            return Batch(unavailable=NOT_BUILT)
        found = read(key=measure.key, neighbourhood_ids=ctx.ids, period=ctx.period)
        if found is None:  # the source app is built but does not record what this measure needs yet
            return Batch(unavailable=NOT_RECORDED)
        # A neighbourhood with nothing to measure (no action due, no plan due a review) has no tally: it is not
        # "0 of 0 on time", and the coverage counts only neighbourhoods with something due.
        tallies = {pk: Tally(num, den) for pk, (num, den) in found.items() if den or measure.unit != Unit.SHARE}
        return Batch(tallies, ctx.now)

    return compute


COMPUTE: dict[str, Callable[[Context], Batch]] = {
    "named_officer": _named_officer,
    "profile_review": _profile_review,
    "events_held": lambda ctx: _count_events(ctx, None),
    "beat_meetings": lambda ctx: _count_events(ctx, event_selectors.BEAT_MEETING_KINDS),
    "engagement_reach": _reach,
    "priorities_by_public": _priorities_by_public,
    "priorities_up_to_date": _priorities_up_to_date,
    "you_said_we_did": _you_said_we_did,
    "queries_72h": _queries,
    "crime_trend": lambda ctx: _crime(ctx, asb=False),
    "asb_trend": lambda ctx: _crime(ctx, asb=True),
    **measures_engagement.COMPUTE,
}

__all__ = ["Batch", "Context", "Period", "Results", "Tally", "Value", "add_months", "compute", "default_period"]


def aggregate(measure: Measure, batch: Batch, ids: Iterable[int]) -> Value:
    """MEASURE's figure for the neighbourhoods IDS: the sum of their tallies (shares: sum over sum)."""
    ids = list(dict.fromkeys(ids))
    present = [batch.tallies[pk] for pk in ids if pk in batch.tallies]

    def empty(reason: str) -> Value:
        return Value(measure, None, None, None, batch.as_at, len(present), len(ids), batch.note, reason)

    if batch.unavailable:
        return empty(batch.unavailable)
    if not present:
        return empty(NO_INPUT)
    num = sum(t.numerator for t in present)
    den = sum(t.denominator or 0 for t in present)
    if measure.unit == Unit.COUNT:
        value: float | None = num
    elif not den:
        return empty(NO_INPUT if measure.unit == Unit.SHARE else "missing: none recorded in the earlier window")
    else:
        value = num / den if measure.unit == Unit.SHARE else (num - den) / den
    return Value(
        measure,
        value,
        num,
        den if measure.unit != Unit.COUNT else None,
        batch.as_at,
        len(present),
        len(ids),
        batch.note,
        "",
    )


@dataclass
class Results:
    """Every measure's batch for a set of neighbourhoods; ``values(ids)`` gives the figures of any subset."""

    period: Period
    now: dt.datetime
    batches: dict[str, Batch]

    def values(self, ids: Iterable[int], measures: list[Measure] | None = None) -> list[Value]:
        ids = list(ids)
        return [aggregate(m, self.batches[m.key], ids) for m in (measures if measures is not None else MEASURES)]

    def value(self, key: str, ids: Iterable[int]) -> Value:
        return aggregate(BY_KEY[key], self.batches[key], ids)


def compute(neighbourhood_ids: Iterable[int], period: Period, *, now: dt.datetime | None = None) -> Results:
    """Every measure of the registry for NEIGHBOURHOOD_IDS over PERIOD."""
    ctx = Context(sorted(set(neighbourhood_ids)), period, now or timezone.now())
    batches = {}
    for measure in MEASURES:
        read = COMPUTE.get(measure.key) or _plugin(measure)
        batches[measure.key] = read(ctx)
    return Results(period, ctx.now, batches)
