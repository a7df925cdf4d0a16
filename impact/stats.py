"""The arithmetic of an impact study, on plain numbers: no database, no Django (reference-anchors §6).

Inputs are crime counts per area and month that the caller has already counted with the crime app. A month
the caller has no data for must not be passed as 0: ``window_totals`` refuses a window with a missing month
(``MissingMonths``), because "no data loaded" read as "no crime" would manufacture a fall.

Estimates, from the weakest to the strongest:
- the with/without difference of % changes, in points (the Police Now figure, seeds 000–003);
- the Weighted Displacement Difference (Wheeler & Ratcliffe 2018) with its Poisson variance, z and interval,
  weighted for unequal window lengths as ``ptools::wdd`` does;
- the ratio of ratios (the Poisson difference-in-differences of a two-group, two-period table) with its
  Poisson interval on the log scale;
- with few treated areas, a randomisation-inference p-value: reassign "treated" among the eligible areas
  with a seeded draw, so the same study gives the same p-value.
The guide's warning on attribution (guide 21356–21586) and its results analysis (guide 7495–7533) are why
``caveats`` travels beside every figure.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from statistics import NormalDist
from typing import Any

SMALL_COUNT = 20  # below this many crimes in a group-window the normal approximation is poor (Wheeler & Ratcliffe)
FEW_TREATED = 10  # under this many treated areas clustered errors over-reject (MacKinnon & Webb; anchors §6.2)


class MissingMonths(ValueError):
    """A window includes months with no data: a count over it would read missing as 0."""

    def __init__(self, months: Sequence[dt.date]) -> None:
        self.months = list(months)
        listed = ", ".join(f"{month:%Y-%m}" for month in self.months)
        super().__init__(f"no crime data for {listed}: refusing to count the window as if those months were 0")


@dataclass(frozen=True)
class Change:
    """One group's counts before and after, and the % change (None when the before count is 0)."""

    before: float
    after: float

    @property
    def pct_change(self) -> float | None:
        return pct_change(self.before, self.after)

    def as_dict(self) -> dict[str, Any]:
        pct = self.pct_change
        return {"before": self.before, "after": self.after, "pct_change": None if pct is None else round(pct, 2)}


def pct_change(before: float, after: float) -> float | None:
    """100 x (after − before) / before; None (not infinity, not 0) when nothing was counted before."""
    if before == 0:
        return None
    return 100.0 * (after - before) / before


def did_pct_points(treated: Change, comparison: Change) -> float | None:
    """The Police Now figure: treated % change minus comparison % change, in percentage points."""
    t, c = treated.pct_change, comparison.pct_change
    if t is None or c is None:
        return None
    return t - c


def z_for(level: float) -> float:
    """The two-sided normal critical value for a confidence LEVEL (0.95 -> 1.959963...)."""
    return NormalDist().inv_cdf(0.5 + level / 2)


@dataclass(frozen=True)
class WDD:
    estimate: float
    variance: float
    z: float | None
    ci_low: float
    ci_high: float
    p_value: float | None
    level: float

    @property
    def se(self) -> float:
        return math.sqrt(self.variance)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"se": self.se}


def wdd(
    *,
    treated: Change,
    control: Change,
    displacement: Change | None = None,
    displacement_control: Change | None = None,
    time_weights: tuple[float, float] = (1.0, 1.0),
    area_weights: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0),
    level: float = 0.95,
) -> WDD:
    """The Weighted Displacement Difference: ΔT − ΔCt + ΔD − ΔCd, each Δ = after − before (anchors §6.1).

    Under a Poisson assumption the variance is the sum of the eight counts. TIME_WEIGHTS (before, after) and
    AREA_WEIGHTS (treated, control, displacement, displacement control) follow ``ptools::wdd``: each count is
    divided by its weight (time × area) and its variance by the weight squared, so windows of unequal length
    compare per unit of time. Displacement areas are optional, but come as a pair (a buffer and its control).
    """
    if (displacement is None) != (displacement_control is None):
        raise ValueError("a displacement buffer needs its own control, and a control needs its buffer")
    groups: list[tuple[Change, float, float]] = [(treated, 1.0, area_weights[0]), (control, -1.0, area_weights[1])]
    if displacement is not None and displacement_control is not None:
        groups += [(displacement, 1.0, area_weights[2]), (displacement_control, -1.0, area_weights[3])]
    estimate = variance = 0.0
    for change, sign, area in groups:
        wb, wa = time_weights[0] * area, time_weights[1] * area
        estimate += sign * (change.after / wa - change.before / wb)
        variance += change.before / wb**2 + change.after / wa**2
    se = math.sqrt(variance)
    z = estimate / se if se else None
    half = z_for(level) * se
    p = 2 * (1 - NormalDist().cdf(abs(z))) if z is not None else None
    return WDD(estimate, variance, z, estimate - half, estimate + half, p, level)


@dataclass(frozen=True)
class Ratio:
    """The ratio of ratios (T1/T0)/(C1/C0) and its interval: the incidence-rate ratio of a 2×2 Poisson DiD."""

    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    level: float

    @property
    def pct_effect(self) -> float | None:
        return None if self.estimate is None else 100.0 * (self.estimate - 1)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"pct_effect": self.pct_effect}


def ratio_of_ratios(*, treated: Change, comparison: Change, level: float = 0.95) -> Ratio:
    """exp(β) of the Poisson model log μ = group + period + β·treated·after, fitted to the four totals.

    That model is saturated, so its maximum-likelihood β is log((T1/T0)/(C1/C0)) exactly; with area and
    month fixed effects on a balanced panel the same totals are sufficient. The interval uses the Poisson
    standard error √(1/T0 + 1/T1 + 1/C0 + 1/C1) on the log scale: it allows no overdispersion, so it is
    narrower than a clustered one would be (see ``caveats``). Any zero count leaves it undefined (None).
    """
    counts = (treated.before, treated.after, comparison.before, comparison.after)
    if any(n <= 0 for n in counts):
        return Ratio(None, None, None, level)
    t0, t1, c0, c1 = counts
    beta = math.log((t1 / t0) / (c1 / c0))
    half = z_for(level) * math.sqrt(sum(1 / n for n in counts))
    return Ratio(math.exp(beta), math.exp(beta - half), math.exp(beta + half), level)


def window_totals(
    counts: Mapping[tuple[Any, ...], float],
    *,
    areas: Iterable[Any],
    months: Sequence[dt.date],
    covered: Iterable[dt.date],
) -> dict[Any, float]:
    """Area -> total over MONTHS from COUNTS keyed (area, month).

    COVERED lists the months that have data. An (area, month) absent from COUNTS in a covered month had no
    crimes (the crime app returns no row for a zero); a month not covered raises ``MissingMonths`` instead.
    """
    have = set(covered)
    missing = [month for month in months if month not in have]
    if missing:
        raise MissingMonths(missing)
    wanted = set(months)
    totals = {area: 0.0 for area in areas}
    for (area, month), n in counts.items():
        if area in totals and month in wanted:
            totals[area] += n
    return totals


def group_change(
    before: Mapping[Hashable, float], after: Mapping[Hashable, float], areas: Iterable[Hashable]
) -> Change:
    chosen = list(areas)
    return Change(sum(before.get(a, 0.0) for a in chosen), sum(after.get(a, 0.0) for a in chosen))


@dataclass(frozen=True)
class Randomisation:
    observed: float
    p_value: float
    null_low: float  # the middle LEVEL of estimates when "treated" is reassigned at random
    null_high: float
    draws: int
    seed: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def randomisation_inference(
    *,
    before: Mapping[Hashable, float],
    after: Mapping[Hashable, float],
    treated: Sequence[Hashable],
    eligible: Sequence[Hashable],
    draws: int = 999,
    seed: int = 2018,
    level: float = 0.95,
) -> Randomisation | None:
    """Place the observed difference of % changes (treated against the rest of ELIGIBLE, in points) among
    those of random reassignments. The % scale, not the WDD's counts, because a count difference between a
    group of 5 areas and one of 40 depends on the groups' sizes, which reassignment keeps but mixes.

    Each draw picks as many "treated" areas as there are from the treated and eligible areas together, the
    rest being the comparison. The p-value is (1 + draws at least as extreme) / (1 + DRAWS), so it is never 0.
    SEED fixes the draws: the same study gives the same p-value. None when there is nothing to reassign.
    """
    pool = sorted(set(treated) | set(eligible), key=str)
    k = len(set(treated))
    if k == 0 or len(pool) <= k:
        return None

    def statistic(chosen: set[Hashable]) -> float:
        rest = [a for a in pool if a not in chosen]
        points = did_pct_points(group_change(before, after, chosen), group_change(before, after, rest))
        return math.nan if points is None else points

    observed = statistic(set(treated))
    if math.isnan(observed):
        return None
    rng = random.Random(seed)
    # A draw whose treated areas had no crimes before has no % change: it is left out, not counted as 0.
    null = sorted(v for v in (statistic(set(rng.sample(pool, k))) for _ in range(draws)) if not math.isnan(v))
    draws = len(null)
    if not draws:
        return None
    extreme = sum(1 for value in null if abs(value) >= abs(observed) - 1e-9)
    tail = (1 - level) / 2
    low = null[min(draws - 1, int(math.floor(tail * draws)))]
    high = null[min(draws - 1, int(math.ceil((1 - tail) * draws)) - 1)]
    return Randomisation(observed, (1 + extreme) / (1 + draws), low, high, draws, seed)


def caveats(
    *,
    treated: Change,
    comparison: Change,
    treated_areas: int,
    gaps: Sequence[str] = (),
    vintage: int | None = None,
    windows_cross_2023: bool = False,
) -> list[str]:
    """The plain-language caveats that stand beside every figure (Police Now's methodological note, seeds
    000–003, plus data vintage, LSOA changes and the normal approximation's limits).
    """
    notes = [
        "Not a randomised design: the treated areas were chosen, not assigned at random, so other differences "
        "between them and the comparison areas may explain some or all of the difference.",
        "Regression to the mean: areas chosen because crime was high tend to fall back without any intervention.",
        "Recorded crime reflects reporting and recording practice, which can change with the intervention "
        "itself (more officers, more reports).",
        "police.uk data is abstracted: locations are snapped to anonymised points and months can be revised.",
    ]
    if min(treated.before, treated.after, comparison.before, comparison.after) < SMALL_COUNT:
        notes.append(
            f"Small counts: at least one group has fewer than {SMALL_COUNT} crimes in a window; the normal "
            "interval is unreliable and % changes swing widely."
        )
    if treated_areas < FEW_TREATED:
        notes.append(
            f"Few treated areas ({treated_areas}): read the randomisation p-value, not the normal interval or the "
            "model's clustered interval alone (with few treated clusters they are too narrow)."
        )
    if gaps:
        notes.append("Coverage gaps inside the windows: " + "; ".join(gaps) + ".")
    if vintage is not None:
        notes.append(f"Areas are LSOA {vintage} (or neighbourhoods as loaded); boundaries change between vintages.")
    if windows_cross_2023:
        notes.append(
            "The windows cross January 2023, when police.uk moved from LSOA 2011 to LSOA 2021 codes: "
            "crimes are counted by the code of record of the chosen vintage."
        )
    return notes
