"""The synthetic demo area as a plain plan: LSOAs, neighbourhoods, deprivation and a year of crimes.

Everything comes from one ``random.Random(seed)`` and the "as at" date (which fixes the 12-month crime
window), so the same seed and date always give the same plan. Nothing here touches the database;
``demo.writer`` stores a plan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
import uuid
from dataclasses import dataclass, field

from crime.categories import ASB
from crime.keys import as_uuid, key_for_id
from demo.grid import COLUMNS, ROWS, Cell, Coord, build_cells
from demo.mix import OUTCOME_WEIGHTS, CategoryMix
from geography.models import Domain

FORCE_SLUG = "demoshire"
FORCE_NAME = "Demoshire Police"
SOURCE = "synthetic demo"
LSOA_CODE_BASE = 1990000  # E01990001...: far above every real LSOA code (2011 and 2021 stop near E0103xxxx)
LOCAL_AUTHORITY_CODE = "E08999999"  # not a real district code
LOCAL_AUTHORITY_NAME = "Demoshire (synthetic)"
ENGLAND_LSOAS = 32844  # IoD2019 ranks run 1 (most deprived) .. 32,844 (guide: IoD2019 technical report)
EMAIL_DOMAIN = "demoshire.police.example"  # .example is reserved (RFC 2606): never a real address

NEIGHBOURHOOD_NAMES = [
    "Aldermoor", "Brackenfold", "Cinderbeck", "Dunholme Rise", "Elmsgarth", "Fernhollow",
    "Gorsebank", "Hebbleside", "Ivymere", "Kestrel Heights", "Larkwood", "Millstone Vale",
]  # fmt: skip

# (lowest score, highest score, curve): score = low + (high - low) * t**curve, t = 1 for the most deprived.
# Shapes roughly follow the IoD2019 score ranges; only their order matters (rank 1 = highest score).
SCORE_SHAPES: dict[str, tuple[float, float, float]] = {
    Domain.IMD: (0.5, 92.0, 2.5),
    Domain.INCOME: (0.005, 0.6, 2.2),
    Domain.EMPLOYMENT: (0.005, 0.5, 2.2),
    Domain.EDUCATION: (0.02, 99.0, 2.0),
    Domain.HEALTH: (-3.2, 3.8, 1.1),
    Domain.CRIME: (-3.0, 3.3, 1.0),
    Domain.BARRIERS: (1.0, 70.0, 1.3),
    Domain.LIVING_ENVIRONMENT: (0.5, 90.0, 1.8),
}


@dataclass(frozen=True)
class LSOAPlan:
    code: str
    name: str
    ring: tuple[Coord, ...]
    population: int
    deprivation: float  # latent 0 (least) .. 1 (most deprived); drives ranks and crime volume
    cell: Cell


@dataclass(frozen=True)
class DeprivationPlan:
    lsoa_code: str
    domain: str
    score: float
    rank: int
    decile: int


@dataclass(frozen=True)
class NeighbourhoodPlan:
    code: str
    name: str
    lsoa_codes: tuple[str, ...]
    fields: dict[str, object]


@dataclass(frozen=True)
class CrimePlan:
    key: uuid.UUID
    crime_id: str
    month: dt.date
    location: Coord
    location_text: str
    lsoa_code: str
    category: str
    last_outcome: str


@dataclass
class Plan:
    seed: int
    as_at: dt.date
    mix: CategoryMix
    lsoas: list[LSOAPlan] = field(default_factory=list)
    deprivation: list[DeprivationPlan] = field(default_factory=list)
    neighbourhoods: list[NeighbourhoodPlan] = field(default_factory=list)
    crimes: list[CrimePlan] = field(default_factory=list)

    def by_deprivation(self) -> list[NeighbourhoodPlan]:
        """Neighbourhoods, most deprived (highest mean latent deprivation) first."""
        latent = {lsoa.code: lsoa.deprivation for lsoa in self.lsoas}
        return sorted(self.neighbourhoods, key=lambda n: (-sum(latent[c] for c in n.lsoa_codes), n.code))


def crime_key(month: dt.date, identifier: str) -> uuid.UUID:
    """The Crime key of ADR 0003 (crime.keys): from the Crime ID, or for ASB the unique "demo:<seed>:<n>" label."""
    return as_uuid(key_for_id(f"{month:%Y-%m}", identifier))


def crime_months(as_at: dt.date) -> list[dt.date]:
    """The 12 whole months before AS_AT's month, oldest first, as first-of-month dates."""
    index = as_at.year * 12 + as_at.month - 1
    return [dt.date((i - 12) // 12, (i - 12) % 12 + 1, 1) for i in range(index, index + 12)]


def decile_for_rank(rank: int, total: int = ENGLAND_LSOAS) -> int:
    """IoD decile of a rank: decile d holds ranks up to floor(d * total / 10) (as in IoD2019 File 1)."""
    return (10 * rank + total - 1) // total


def _deprivation_field(rng: random.Random, cells: list[Cell]) -> list[float]:
    """Latent deprivation per cell: a few smooth hot spots plus noise, scaled to 0..1."""
    hot_spots = [
        (rng.uniform(0, COLUMNS), rng.uniform(0, ROWS), rng.uniform(0.6, 1.0), rng.uniform(1.2, 2.5)) for _ in range(3)
    ]
    raw = []
    for cell in cells:
        x, y = cell.centre_km
        value = sum(h * math.exp(-((x - hx) ** 2 + (y - hy) ** 2) / (2 * s * s)) for hx, hy, h, s in hot_spots)
        raw.append(value + rng.gauss(0, 0.05))
    low, high = min(raw), max(raw)
    return [(v - low) / (high - low) for v in raw]


def _ranks(rng: random.Random, latent: list[float], noise: float) -> list[int]:
    """England-scale ranks (1 = most deprived) following LATENT, distinct within the area."""
    used: set[int] = set()
    ranks = []
    for value in latent:
        z = min(1.0, max(0.0, value + rng.gauss(0, noise)))
        rank = 1 + round((0.02 + 0.93 * (1 - z)) * (ENGLAND_LSOAS - 1))
        rank = min(rank, ENGLAND_LSOAS - 60)
        while rank in used:
            rank += 1
        used.add(rank)
        ranks.append(rank)
    return ranks


def _score(domain: str, rank: int) -> float:
    low, high, curve = SCORE_SHAPES[domain]
    t = 1 - (rank - 1) / (ENGLAND_LSOAS - 1)
    return round(low + (high - low) * t**curve, 3)


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small monthly means used here."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _neighbourhood(block: int, lsoa_codes: tuple[str, ...], centre: Coord) -> NeighbourhoodPlan:
    name = NEIGHBOURHOOD_NAMES[block]
    code = f"DEMO{block + 1:02d}"
    slug = name.lower().replace(" ", "-")
    shown = f"{name} (synthetic)"
    fields: dict[str, object] = {
        "description": f"<p>{shown} is a synthetic demo neighbourhood. It is not a real place.</p>",
        "url_force": f"https://www.{EMAIL_DOMAIN}/neighbourhoods/{slug}",
        "contact_details": {"email": f"{slug}.npt@{EMAIL_DOMAIN}", "telephone": "101"},
        "links": [{"url": "https://www.demoshire-council.example/", "description": None, "title": "Demoshire Council"}],
        "locations": [
            {
                "name": f"{name} Police Office (synthetic)",
                "longitude": f"{centre[0]:.6f}",
                "latitude": f"{centre[1]:.6f}",
                "postcode": "",
                "address": f"1 Station Road\n, {name}",
                "type": "station",
                "description": None,
            }
        ],
        "source": SOURCE,
    }
    return NeighbourhoodPlan(code=code, name=shown, lsoa_codes=lsoa_codes, fields=fields)


def build_plan(*, seed: int, as_at: dt.date, mix: CategoryMix) -> Plan:
    """The whole synthetic area for SEED, with crimes in the 12 months before AS_AT's month."""
    rng = random.Random(seed)
    plan = Plan(seed=seed, as_at=as_at, mix=mix)
    cells = build_cells(rng)
    latent = _deprivation_field(rng, cells)

    blocks: dict[int, list[int]] = {}
    for index, cell in enumerate(cells):
        # Each 2 x 2 block of cells is one neighbourhood, like an MSOA of four LSOAs.
        blocks.setdefault((cell.row // 2) * (COLUMNS // 2) + cell.column // 2, []).append(index)
    for block, members in sorted(blocks.items()):
        for letter, index in zip("ABCD", members, strict=True):
            cell = cells[index]
            plan.lsoas.append(
                LSOAPlan(
                    code=f"E0{LSOA_CODE_BASE + index + 1}",
                    name=f"Demoshire {block + 1:03d}{letter} (synthetic)",
                    ring=cell.ring,
                    population=rng.randint(1200, 2500),
                    deprivation=latent[index],
                    cell=cell,
                )
            )
    plan.lsoas.sort(key=lambda lsoa: lsoa.code)

    codes = [lsoa.code for lsoa in plan.lsoas]
    imd_latent = [lsoa.deprivation for lsoa in plan.lsoas]
    for domain in Domain:
        # The IMD follows the latent field closely; each domain wanders a little from it.
        ranks = _ranks(rng, imd_latent, 0.02 if domain == Domain.IMD else 0.12)
        for code, rank in zip(codes, ranks, strict=True):
            plan.deprivation.append(
                DeprivationPlan(code, domain.value, _score(domain, rank), rank, decile_for_rank(rank))
            )

    by_code = {lsoa.code: lsoa for lsoa in plan.lsoas}
    for block, members in sorted(blocks.items()):
        member_codes = tuple(f"E0{LSOA_CODE_BASE + i + 1}" for i in members)
        centre = by_code[member_codes[0]].cell.snap_points[0][0]
        plan.neighbourhoods.append(_neighbourhood(block, member_codes, centre))

    slugs = mix.slugs
    weights = [mix.counts[s] for s in slugs]
    outcomes = list(OUTCOME_WEIGHTS)
    outcome_weights = list(OUTCOME_WEIGHTS.values())
    n = 0
    for month in crime_months(as_at):
        for lsoa in plan.lsoas:
            # More deprived places see more recorded crime: about 8 to 38 records a month.
            for _ in range(_poisson(rng, 8 + 30 * lsoa.deprivation)):
                n += 1
                label = f"demo:{seed}:{n:06d}"
                category = rng.choices(slugs, weights)[0]
                location, text = rng.choice(lsoa.cell.snap_points)
                is_asb = category == ASB
                crime_id = "" if is_asb else hashlib.sha256(label.encode()).hexdigest()
                plan.crimes.append(
                    CrimePlan(
                        key=crime_key(month, crime_id or label),
                        crime_id=crime_id,
                        month=month,
                        location=location,
                        location_text=text,
                        lsoa_code=lsoa.code,
                        category=category,
                        last_outcome="" if is_asb else rng.choices(outcomes, outcome_weights)[0],
                    )
                )
    return plan
