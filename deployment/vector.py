"""The arithmetic of a score run on numpy columns: the same results as ``deployment.maths``, bit for bit.

``maths`` is the reference (small, readable, tested on hand-worked fixtures); this module does the same
normalisation, weighting, ranking and banding on whole arrays so a national run (35,000 areas) spends
milliseconds, not seconds, in them (benchmark P2, docs/benchmarks.md). Each step uses the reference's own
floating-point operations in the same order (elementwise IEEE arithmetic is exact to reproduce; sums that run
over all areas, the z-score's mean and deviation, stay Python sums in the reference's order), so the scores
are identical: ``deployment/tests/test_acceptance_west_yorkshire.py`` compares the two on real data.

Missing is NaN inside this module and ``None`` outside it: it is never read as 0.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def column(areas: Sequence[Any], values: Mapping[Any, float | None]) -> Array:
    """VALUES in AREAS order as a float array, NaN where missing."""
    return np.array([np.nan if (v := values.get(area)) is None else v for area in areas], dtype=np.float64)


def percentile(x: Array) -> Array:
    """``maths.percentile``: 100 x (below + half of equal) / n among the present values."""
    out = np.full(x.shape, np.nan)
    present = ~np.isnan(x)
    values = x[present]
    n = len(values)
    if n == 0:
        return out
    ordered = np.sort(values, kind="stable")
    below = np.searchsorted(ordered, values, side="left")
    upto = np.searchsorted(ordered, values, side="right")
    out[present] = 100.0 * (below + (upto - below) / 2) / n
    return out


def zscore(x: Array) -> Array:
    """``maths.zscore``: the mean and population deviation are Python sums in area order, as the reference's."""
    present = x[~np.isnan(x)].tolist()
    if not present:
        return np.full(x.shape, np.nan)
    mean = sum(present) / len(present)
    sd = math.sqrt(sum((v - mean) ** 2 for v in present) / len(present))
    if sd == 0:
        return np.where(np.isnan(x), np.nan, 0.0)
    return (x - mean) / sd


NORMALISE = {"percentile": percentile, "zscore": zscore}


def composite(
    components: Sequence[tuple[str, float, str, Array]],
) -> tuple[Array, list[tuple[str, float, Array, Array, Array]]]:
    """``maths.composite`` on arrays: the score column, and per component (key, weight, raw, normalised,
    contribution). An area missing any weighted component has NaN as its score.
    """
    total = sum(weight for _, weight, _, _ in components if weight > 0)
    score = np.zeros(len(components[0][3]) if components else 0)
    parts = []
    for key, weight, how, raw in components:
        normalised = NORMALISE[how](raw)
        if weight > 0:
            contribution = weight * normalised / total
            score = score + contribution  # NaN (missing) stays NaN
        else:
            contribution = np.full(raw.shape, np.nan)
        parts.append((key, weight, raw, normalised, contribution))
    return score, parts


def ranks(scores: Array) -> list[int | None]:
    """``maths.ranks``: 1 + the number of strictly higher scores; missing has no rank."""
    present = ~np.isnan(scores)
    ordered = np.sort(scores[present])
    higher = len(ordered) - np.searchsorted(ordered, scores, side="right")
    return [int(h) + 1 if p else None for h, p in zip(higher.tolist(), present.tolist(), strict=True)]


def _cell(value: float) -> str:
    """One JSON number equal to ``round(value, 4)``, as the reference writes it; missing is null.

    ``"%.4f"`` is the same correctly rounded decimal that ``round(value, 4)`` picks (both round the exact binary
    value half-even), so the number read back is the same float; it is one conversion where round-then-repr
    is three, on 500,000 cells a national run. Trailing zeros are left: 0.5000 and 0.5 are one JSON number.
    """
    if value != value:  # NaN: missing
        return "null"
    if math.isinf(value):
        return json.dumps(value)
    return "%.4f" % value  # noqa: UP031  # printf-style is the fastest exact formatting here


def breakdowns(parts: list[tuple[str, float, Array, Array, Array]], n: int) -> list[str]:
    """Each area's breakdown as the JSON text of ``[Part.as_dict(), ...]`` (``maths.Part``), ready for COPY."""
    columns = []
    for key, weight, raw, normalised, contribution in parts:
        head = json.dumps({"key": key})[:-1] + ',"raw":'
        columns.append(
            (head, f',"weight":{weight!r},"contribution":', raw.tolist(), normalised.tolist(), contribution.tolist())
        )
    rows = []
    for i in range(n):
        items = []
        for head, middle, raw_values, norm_values, contributions in columns:
            value = raw_values[i]
            missing = value != value
            items.append(
                f'{head}{_cell(value)},"normalised":{_cell(norm_values[i])}{middle}{_cell(contributions[i])},'
                f'"missing":{"true" if missing else "false"}}}'
            )
        rows.append("[" + ",".join(items) + "]")
    return rows
