"""Server-side SVG geometry for the study page's decorative charts; each chart has a table twin on the page.

Only numbers go into the SVG (the template draws it): no user text is placed in markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

WIDTH, HEIGHT, PAD = 600, 200, 30


def pct_bars(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Horizontal bars of % change for treated and comparison (a missing % change draws no bar)."""
    values = [("Treated", result["treated"]["pct_change"]), ("Comparison", result["comparison"]["pct_change"])]
    scale = max([abs(v) for _, v in values if v is not None] + [1.0])
    half = (WIDTH - 2 * PAD) / 2
    bars = []
    for row, (label, value) in enumerate(values):
        if value is None:
            bars.append({"label": label, "missing": True, "y": 20 + row * 40})
            continue
        length = half * abs(value) / scale
        x = PAD + half if value >= 0 else PAD + half - length
        bars.append({"label": label, "missing": False, "x": round(x, 1), "w": round(length, 1), "y": 20 + row * 40})
    return bars


def series_lines(series: list[dict[str, Any]], *, intervention: dt.date) -> dict[str, Any] | None:
    """Polyline points for treated and comparison per month, each scaled to its own peak (shape, not level)."""
    if len(series) < 2:
        return None
    step = (WIDTH - 2 * PAD) / (len(series) - 1)

    def points(key: str) -> str:
        peak = max(row[key] for row in series) or 1
        return " ".join(
            f"{PAD + i * step:.1f},{HEIGHT - PAD - (HEIGHT - 2 * PAD) * row[key] / peak:.1f}"
            for i, row in enumerate(series)
        )

    months = [row["month"] for row in series]
    marker = f"{intervention:%Y-%m}"
    x = PAD + months.index(marker) * step if marker in months else None
    return {
        "treated": points("treated"),
        "comparison": points("comparison"),
        "marker_x": x,
        "width": WIDTH,
        "height": HEIGHT,
    }
