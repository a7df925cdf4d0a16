"""deployment.vector equals deployment.maths exactly: scores, ranks and the breakdown JSON, ties and missing."""

import json
import random

import pytest

from deployment import maths, vector


def _columns(seed: int, n: int = 400) -> list[tuple[str, float, str, dict[int, float | None]]]:
    rng = random.Random(seed)
    areas = list(range(n))

    def column(kind: str) -> dict[int, float | None]:
        values: dict[int, float | None] = {}
        for area in areas:
            roll = rng.random()
            if roll < 0.05:
                values[area] = None  # missing
            elif kind == "ties":
                values[area] = float(rng.randint(0, 9))  # many ties
            else:
                values[area] = rng.uniform(-50, 500) / 3
        return values

    return [
        ("imd", 0.5, "percentile", column("ties")),
        ("crime_rate", 0.25, "zscore", column("spread")),
        ("asb_rate", 0.15, "percentile", column("spread")),
        ("trend", 0.1, "zscore", column("ties")),
        ("vli", 0.0, "percentile", column("spread")),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_vectorised_composite_equals_the_reference_bit_for_bit(seed):
    components = _columns(seed)
    areas = sorted(components[0][3])
    scores, parts = maths.composite(areas, components)
    column, columns = vector.composite([(k, w, how, vector.column(areas, raw)) for k, w, how, raw in components])
    got = dict(zip(areas, [None if v != v else v for v in column.tolist()], strict=True))
    assert got == scores  # exact floats, not approximately
    assert any(v is None for v in got.values())
    assert dict(zip(areas, vector.ranks(column), strict=True)) == maths.ranks(scores)
    texts = vector.breakdowns(columns, len(areas))
    for area, text in zip(areas, texts, strict=True):
        assert json.loads(text) == [part.as_dict() for part in parts[area]]


def test_percentile_ties_share_their_mid_rank_and_missing_stays_missing():
    values = vector.column(["a", "b", "c", "d", "e"], {"a": 1.0, "b": 2.0, "c": 2.0, "d": 3.0, "e": None})
    out = vector.percentile(values).tolist()
    assert out[:4] == [12.5, 50.0, 50.0, 87.5]
    assert out[4] != out[4]  # NaN: missing, never 0
