"""The category mix of the synthetic crimes: counted from a real police.uk month when one is at hand.

The mix is counted, at generation time, from the West Yorkshire street-level CSV for July 2018 in the
shared open data. Without that file the fallback table below is used: it holds the counts of the same
file (31,635 rows, counted once with ``csv.DictReader`` on the ``Crime type`` column), so both routes give
the same proportions.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from crime.categories import CATEGORY_SLUGS

MIX_FILE = Path("crime") / "west-yorkshire" / "2018-07-west-yorkshire-street.csv.gz"

# West Yorkshire Police, 2018-07 street-level CSV (data.police.uk, OGL v3): rows per crime type.
FALLBACK_COUNTS: dict[str, int] = {
    "violent-crime": 10358,
    "anti-social-behaviour": 5442,
    "public-order": 3043,
    "criminal-damage-arson": 2716,
    "other-theft": 2242,
    "burglary": 2029,
    "vehicle-crime": 1955,
    "shoplifting": 1485,
    "other-crime": 667,
    "drugs": 525,
    "robbery": 327,
    "theft-from-the-person": 317,
    "bicycle-theft": 303,
    "possession-of-weapons": 226,
}

# Last outcomes of non-ASB records: a rough police.uk-like spread (ASB records never have one).
OUTCOME_WEIGHTS: dict[str, int] = {
    "Investigation complete; no suspect identified": 35,
    "Unable to prosecute suspect": 25,
    "Under investigation": 15,
    "Status update unavailable": 10,
    "Awaiting court outcome": 5,
    "Local resolution": 4,
    "Offender given a caution": 2,
    "Further investigation is not in the public interest": 2,
    "Formal action is not in the public interest": 2,
}


@dataclass(frozen=True)
class CategoryMix:
    """Counts per police.uk category slug and where they came from."""

    counts: dict[str, int]
    source: str

    @property
    def slugs(self) -> list[str]:
        return sorted(self.counts)

    def proportions(self) -> dict[str, float]:
        total = sum(self.counts.values())
        return {slug: count / total for slug, count in sorted(self.counts.items())}


def count_categories(path: Path) -> Counter[str]:
    """Rows per category slug in a police.uk street-level CSV (gzip)."""
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return Counter(CATEGORY_SLUGS[row["Crime type"]] for row in csv.DictReader(handle))


def category_mix(shared_data_dir: Path) -> CategoryMix:
    """The mix from the real July 2018 West Yorkshire file if it exists, else the fallback table."""
    path = Path(shared_data_dir) / MIX_FILE
    if path.is_file():
        return CategoryMix(counts=dict(count_categories(path)), source=f"counted from {MIX_FILE}")
    return CategoryMix(counts=dict(FALLBACK_COUNTS), source="fallback table (West Yorkshire, 2018-07)")
