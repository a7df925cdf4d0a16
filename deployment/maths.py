"""The arithmetic of a score run on whole columns (area key -> value), with no database and no per-area queries.

Every function takes and returns mappings over all the areas of a run, so a national run is a handful of
passes over 35,000 values. ``None`` is missing and stays missing: it is never read as 0.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from deployment.methods import VLI_PAIRS

K = TypeVar("K", bound=Hashable)
Column = Mapping[K, float | None]


def percentile(values: Column[K]) -> dict[K, float | None]:
    """Mid-rank percentile within the areas that have a value: 100 x (below + half of equal) / n.

    The lowest of four distinct values is 12.5, the highest 87.5; ties share one value; one area alone is 50.
    """
    present = sorted((v, k) for k, v in values.items() if v is not None)
    n = len(present)
    result: dict[K, float | None] = {k: None for k, v in values.items() if v is None}
    i = 0
    while i < n:
        j = i
        while j < n and present[j][0] == present[i][0]:
            j += 1
        share = 100.0 * (i + (j - i) / 2) / n  # i below, j - i equal
        for _, key in present[i:j]:
            result[key] = share
        i = j
    return result


def zscore(values: Column[K]) -> dict[K, float | None]:
    """(value - mean) / population standard deviation within the areas that have a value (0 when all equal)."""
    present = [v for v in values.values() if v is not None]
    if not present:
        return {k: None for k in values}
    mean = sum(present) / len(present)
    sd = math.sqrt(sum((v - mean) ** 2 for v in present) / len(present))
    return {k: (None if v is None else (0.0 if sd == 0 else (v - mean) / sd)) for k, v in values.items()}


NORMALISE = {"percentile": percentile, "zscore": zscore}


@dataclass(frozen=True)
class Part:
    key: str
    raw: float | None
    normalised: float | None
    weight: float
    contribution: float | None  # weight x normalised / total weight: the parts add up to the score

    @property
    def missing(self) -> bool:
        return self.raw is None

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "raw": _round(self.raw),
            "normalised": _round(self.normalised),
            "weight": self.weight,
            "contribution": _round(self.contribution),
            "missing": self.missing,
        }


def _round(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places)


def composite(
    areas: Sequence[K], components: Sequence[tuple[str, float, str, Column[K]]]
) -> tuple[dict[K, float | None], dict[K, list[Part]]]:
    """The weighted score of each area and its breakdown.

    COMPONENTS are (key, weight, normalisation, raw column). Score = sum(w x normalised) / sum(w) over the
    components weighted above 0; an area missing any of them has no score. Weight-0 components are still
    normalised and listed, so the breakdown shows them.
    """
    total = sum(weight for _, weight, _, _ in components if weight > 0)
    normalised = {key: NORMALISE[how](raw) for key, _, how, raw in components}
    scores: dict[K, float | None] = {}
    parts: dict[K, list[Part]] = {}
    for area in areas:
        row = []
        score: float | None = 0.0
        for key, weight, _, raw in components:
            value = raw.get(area)
            norm = normalised[key].get(area)
            contribution = None if norm is None or weight <= 0 else weight * norm / total
            row.append(Part(key, value, norm, weight, contribution))
            if weight > 0:
                score = None if score is None or contribution is None else score + contribution
        scores[area] = score
        parts[area] = row
    return scores, parts


def ranks(scores: Column[K]) -> dict[K, int | None]:
    """1 for the highest score; tied scores share the better rank ("1224"); missing scores have no rank."""
    ordered = sorted(((v, k) for k, v in scores.items() if v is not None), key=lambda item: -item[0])
    result: dict[K, int | None] = {k: None for k, v in scores.items() if v is None}
    previous: float | None = None
    rank = 0
    for position, (value, key) in enumerate(ordered, start=1):
        if value != previous:
            rank, previous = position, value
        result[key] = rank
    return result


def bands(rank_of: Mapping[K, int | None], *, priority_share: float, high_share: float) -> dict[K, str]:
    """Bands: "priority" for the top PRIORITY_SHARE of the scored areas (at least one), "high" for the next
    HIGH_SHARE, "other" for the rest, "missing" where there is no score.
    """
    n = sum(1 for rank in rank_of.values() if rank is not None)
    # round() first: 0.1 + 0.2 is 0.30000000000000004, and ceil would then take one area too many.
    priority = max(1, math.ceil(round(priority_share * n, 9))) if n else 0
    high = math.ceil(round((priority_share + high_share) * n, 9))
    return {
        k: "missing" if r is None else "priority" if r <= priority else "high" if r <= high else "other"
        for k, r in rank_of.items()
    }


# The VLI-style (reconstructed) index ----------------------------------------------------------------------


@dataclass(frozen=True)
class VLIInputs:
    """One area's VLI inputs; None is missing. Counts are over the run's window."""

    burglary: float | None
    criminal_damage: float | None
    income: float | None
    employment: float | None
    young_people: float | None
    education: float | None
    residents: float | None
    households: float | None = None


COUNT_VARIABLES = ("burglary", "criminal_damage", "young_people")


def vli(
    inputs: Mapping[K, VLIInputs], *, variables: Sequence[str], dwelling_denominator: str, combine: str
) -> tuple[dict[K, float | None], dict[K, dict[str, float | None]]]:
    """The VLI-style (reconstructed) value of each area, and its variable indices.

    Verified (reference-anchors §4.1): variables as rates or proportions; an index per variable relative to
    the study area; the indices aggregated; "over 200 = priority". Reconstructed (parameters of the method):
    ``I_v = 100 x rate_v(area) / rate_v(study area)`` with the study-area rate sum(counts) / sum(denominators)
    (scores: the resident-weighted mean, which is the same thing for a proportion); the COMBINE rule.
    An area missing any of VARIABLES, or its denominator, has no value.
    """
    rates: dict[str, dict[K, float | None]] = {}
    study: dict[str, float | None] = {}
    for variable in variables:
        column: dict[K, float | None] = {}
        numerator = denominator = 0.0
        for area, row in inputs.items():
            value = getattr(row, variable)
            base = row.residents
            if variable in ("burglary", "criminal_damage") and dwelling_denominator == "households":
                base = row.households
            if value is None or base is None or base <= 0:
                column[area] = None
                continue
            if variable in COUNT_VARIABLES:
                column[area] = value / base
                numerator += value
                denominator += base
            else:  # a published score or proportion: as it is, weighted by residents for the study area
                column[area] = value
                numerator += value * base
                denominator += base
        rates[variable] = column
        # The study-area rate is taken over the areas that have the input; an area without it has no index.
        study[variable] = numerator / denominator if denominator > 0 else None
    indices: dict[K, dict[str, float | None]] = {}
    for area in inputs:
        row_indices: dict[str, float | None] = {}
        for variable in variables:
            rate, base = rates[variable][area], study[variable]
            row_indices[variable] = None if rate is None or not base else 100.0 * rate / base
        indices[area] = row_indices
    values = {area: _combine(row, variables, combine) for area, row in indices.items()}
    if combine == "sum_scaled":
        present = [v for v in values.values() if v is not None]
        mean = sum(present) / len(present) if present else 0
        values = {k: (None if v is None or not mean else 100.0 * v / mean) for k, v in values.items()}
    return values, indices


def _combine(row: Mapping[str, float | None], variables: Sequence[str], rule: str) -> float | None:
    if any(row[v] is None for v in variables):
        return None
    present = [float(row[v]) for v in variables]  # type: ignore[arg-type]  # none is None (checked above)
    if rule == "mean":
        return sum(present) / len(present)
    if rule == "sum_scaled":
        return sum(present)
    pair_means = []
    for pair in VLI_PAIRS:
        members = [float(row[v]) for v in pair if v in variables]  # type: ignore[arg-type]
        if members:
            pair_means.append(sum(members) / len(members))
    return sum(pair_means) / len(pair_means)


def weighted_mean(pairs: Sequence[tuple[float, float | None]]) -> float | None:
    """Weighted mean of (weight, value) pairs; None if any value is missing or the weights sum to 0 (the
    geography rule: an aggregate only when every member has the value).
    """
    if not pairs or any(value is None for _, value in pairs):
        return None
    total = sum(weight for weight, _ in pairs)
    if total <= 0:
        return None
    return sum(weight * value for weight, value in pairs if value is not None) / total
