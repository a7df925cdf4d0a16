"""Survey results over time (category 7): one trend per question, the headline question first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# Size of the inline chart (a drawing of the table next to it, never the only copy of the figures).
WIDTH, HEIGHT, PAD = 240, 60, 4


@dataclass
class Trend:
    question: str
    is_headline: bool
    results: list[Any]  # SurveyResult, oldest first

    @property
    def latest(self) -> Any:
        return self.results[-1]

    @property
    def change(self) -> Decimal | None:
        """Change in percentage points since the previous result, or None with fewer than two."""
        if len(self.results) < 2:
            return None
        return self.results[-1].value - self.results[-2].value

    @property
    def polyline(self) -> str:
        """SVG points on a 0-100% scale, spaced by date."""
        if len(self.results) < 2:
            return ""
        first, last = self.results[0].surveyed_on, self.results[-1].surveyed_on
        span = max((last - first).days, 1)
        points = []
        for result in self.results:
            x = PAD + (WIDTH - 2 * PAD) * (result.surveyed_on - first).days / span
            y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * float(result.value) / 100
            points.append(f"{x:.1f},{y:.1f}")
        return " ".join(points)


def survey_trends(results: list[Any]) -> list[Trend]:
    grouped: dict[tuple[bool, str], list[Any]] = defaultdict(list)
    for result in results:
        grouped[(result.is_headline, result.question)].append(result)
    trends = [
        Trend(question, headline, sorted(items, key=lambda r: r.surveyed_on))
        for (headline, question), items in grouped.items()
    ]
    return sorted(trends, key=lambda t: (not t.is_headline, t.question))
