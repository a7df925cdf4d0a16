"""The synthetic map: a jittered lattice of LSOA-like cells and the street "snap points" inside them.

The cells are built on a lattice of shared vertices, so two neighbouring cells have exactly the same
edge: the polygons tile the area with no gaps and no overlaps. Each vertex moves by at most a fifth of
a cell and each edge midpoint by at most an eighth, which keeps every cell a simple polygon that
contains the middle half of its square (so points drawn from there are always inside).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

# A plausible northern-English spot near Selby, about 9 km east of West Yorkshire: outside every force area
# the shared open data covers, so real crimes loaded by ``--real`` never land in a synthetic neighbourhood.
# Nothing real is modelled there.
ORIGIN_LAT = 53.77
ORIGIN_LON = -1.00
COLUMNS = 8
ROWS = 6
CELL_KM = 1.0  # about 1 km2 per cell; jitter keeps each between about 0.6 and 1.4 km2
CORNER_JITTER = 0.2
MIDPOINT_JITTER = 0.12
KM_PER_DEGREE_LAT = 111.32

Coord = tuple[float, float]  # (longitude, latitude), rounded to 6 decimal places as police.uk does

# police.uk publishes anonymised points as "On or near <street or place>".
STREET_STEMS = [
    "Albion", "Beech", "Chapel", "Mill", "Station", "Victoria", "Church", "Park", "Moor", "Oak",
    "Granville", "Harewood", "Springfield", "Westfield", "Wharf", "Canal", "Castle", "Rose", "Ash", "Elm",
    "Hawthorn", "Nelson", "Providence", "Tannery", "Weavers", "Loom", "Foundry", "Quarry", "Ivy", "Holly",
]  # fmt: skip
STREET_SUFFIXES = ["Street", "Road", "Lane", "Avenue", "Terrace", "Close", "Grove", "Crescent", "Drive", "Way"]
PLACES = [
    "Supermarket", "Parking Area", "Petrol Station", "Sports/Recreation Area", "Shopping Area",
    "Nightclub", "Further/Higher Educational Building", "Hospital", "Bus/Coach Station", "Conference/Exhibition Centre",
]  # fmt: skip


@dataclass(frozen=True)
class Cell:
    """One LSOA-like cell: its grid position, outer ring and the street points inside it."""

    column: int
    row: int
    ring: tuple[Coord, ...]
    snap_points: tuple[tuple[Coord, str], ...]

    @property
    def centre_km(self) -> tuple[float, float]:
        return (self.column + 0.5) * CELL_KM, (self.row + 0.5) * CELL_KM


def to_lonlat(x_km: float, y_km: float) -> Coord:
    """Local kilometres east/north of the south-west corner to WGS84, rounded to 6 dp."""
    width = COLUMNS * CELL_KM
    height = ROWS * CELL_KM
    lat = ORIGIN_LAT + (y_km - height / 2) / KM_PER_DEGREE_LAT
    lon = ORIGIN_LON + (x_km - width / 2) / (KM_PER_DEGREE_LAT * math.cos(math.radians(ORIGIN_LAT)))
    return round(lon, 6), round(lat, 6)


def _lattice(rng: random.Random) -> dict[tuple[int, int], tuple[float, float]]:
    def jitter() -> float:
        return rng.uniform(-CORNER_JITTER, CORNER_JITTER) * CELL_KM

    return {
        (i, j): (i * CELL_KM + jitter(), j * CELL_KM + jitter()) for j in range(ROWS + 1) for i in range(COLUMNS + 1)
    }


def _midpoints(
    rng: random.Random, corners: dict[tuple[int, int], tuple[float, float]]
) -> dict[tuple[str, int, int], tuple[float, float]]:
    """One bent point per edge, shared by the two cells on either side of it."""
    mids: dict[tuple[str, int, int], tuple[float, float]] = {}
    for j in range(ROWS + 1):
        for i in range(COLUMNS + 1):
            for kind, end in (("h", (i + 1, j)), ("v", (i, j + 1))):
                if end not in corners:
                    continue
                (x0, y0), (x1, y1) = corners[(i, j)], corners[end]
                along = rng.uniform(-0.08, 0.08) * CELL_KM
                across = rng.uniform(-MIDPOINT_JITTER, MIDPOINT_JITTER) * CELL_KM
                mx, my = (x0 + x1) / 2, (y0 + y1) / 2
                mids[(kind, i, j)] = (mx + along, my + across) if kind == "h" else (mx + across, my + along)
    return mids


def _snap_points(rng: random.Random, column: int, row: int) -> tuple[tuple[Coord, str], ...]:
    points = []
    for _ in range(rng.randint(10, 18)):
        # The middle half of the square is inside the cell whatever the jitter (module docstring).
        x = (column + rng.uniform(0.25, 0.75)) * CELL_KM
        y = (row + rng.uniform(0.25, 0.75)) * CELL_KM
        if rng.random() < 0.15:
            name = rng.choice(PLACES)
        else:
            name = f"{rng.choice(STREET_STEMS)} {rng.choice(STREET_SUFFIXES)}"
        points.append((to_lonlat(x, y), f"On or near {name}"))
    return tuple(points)


def build_cells(rng: random.Random) -> list[Cell]:
    """The COLUMNS x ROWS cells, south-west first, row by row."""
    corners = _lattice(rng)
    mids = _midpoints(rng, corners)
    cells = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            c, r = column, row
            # Anticlockwise: bottom edge, right edge, top edge (reversed), left edge (reversed).
            km = [
                corners[(c, r)],
                mids[("h", c, r)],
                corners[(c + 1, r)],
                mids[("v", c + 1, r)],
                corners[(c + 1, r + 1)],
                mids[("h", c, r + 1)],
                corners[(c, r + 1)],
                mids[("v", c, r)],
                corners[(c, r)],
            ]
            ring = tuple(to_lonlat(x, y) for x, y in km)
            cells.append(Cell(column=c, row=r, ring=ring, snap_points=_snap_points(rng, c, r)))
    return cells
