"""Issue 11 acceptance on real West Yorkshire data: the neighbourhood ranking with its breakdowns, and IMD-only
scoring reproducing the IMD rank order of the LSOAs.

The data are the files ``load_demo --real`` uses (demo.real), loaded by the project's importers; the three
national IoD2019 files are cut to the rows of the LSOAs the boundaries and crimes name (same columns, same
importer), which keeps the test to seconds, and their largest rank is then the N of the ranking
(geography.deprivation.edition_ranked). Every expected figure is worked out here from the raw files (csv, gzip, json), by code that shares nothing with the app's
scoring: populations from IoD2019 File 6, ranks and deciles from File 1, crime counts from the police.uk rows.
Neighbourhoods are every West Yorkshire MSOA as a group of its LSOAs (police.uk publishes no West Yorkshire
neighbourhood boundaries), so the force's run covers all of its 1,388 LSOAs.
"""

from __future__ import annotations

import bisect
import csv
import functools
import gzip
import json
import math
import re
from collections import defaultdict
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from crime.importer import import_crimes
from deployment import scoring
from deployment.models import LSOAScore, NeighbourhoodScore, ScoreRun
from deployment.services import method_agreed, method_new_version
from geography.importers.boundaries import import_lsoa_boundaries
from geography.importers.imd import import_imd
from geography.models import LSOA, Force, Neighbourhood, Vintage
from geography.services import neighbourhood_set_lsoas

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

BOUNDARIES = Path("boundaries") / "west_yorkshire_lsoa11_bsc_v3.geojson"
FILE_1 = Path("iod") / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"
FILE_2 = Path("iod") / "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz"
FILE_6 = Path("iod") / "File_6_-_IoD2019_Population_Denominators.csv.gz"
CRIMES = Path("crime") / "west-yorkshire"
ASB = "Anti-social behaviour"


def _rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _month_index(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def _percentile(column: dict[int, float]) -> dict[int, float]:
    """Mid-rank percentile, 100 x (values below + half the equal values) / n, by bisection of the sorted values."""
    ordered = sorted(column.values())
    n = len(ordered)
    return {
        key: 100.0 * (bisect.bisect_left(ordered, v) + (bisect.bisect_right(ordered, v) - bisect.bisect_left(ordered, v)) / 2) / n
        for key, v in column.items()
    }  # fmt: skip


def _west_yorkshire_rows(source: Path, target: Path, codes: set[str]) -> Path:
    """SOURCE with only the rows of CODES, as gzip CSV with the same header (the code is the first column)."""
    with gzip.open(source, "rt", encoding="utf-8-sig", newline="") as read, gzip.open(target, "wt", newline="") as out:
        rows = csv.reader(read)
        writer = csv.writer(out)
        writer.writerow(next(rows))
        writer.writerows(row for row in rows if row[0] in codes)
    return target


@pytest.fixture
def west_yorkshire(shared_data, tmp_path):
    """The force, its MSOA neighbourhoods, and the raw-file figures each LSOA should have."""
    features = json.loads((shared_data / BOUNDARIES).read_text())["features"]
    codes = {f["properties"]["LSOA11CD"]: f["properties"]["LSOA11NM"] for f in features}
    crime_rows = [row for path in sorted((shared_data / CRIMES).glob("*.csv.gz")) for row in _rows(path)]
    import_lsoa_boundaries(shared_data / BOUNDARIES, vintage=Vintage.V2011)
    # Every code the crimes name is loaded too (West Yorkshire crimes happen over the border), so each crime
    # links by its code as with the national files, never by its point (crime.linking).
    loaded = set(codes) | {row["LSOA code"] for row in crime_rows}
    for path in (FILE_1, FILE_2, FILE_6):
        import_imd(_west_yorkshire_rows(shared_data / path, tmp_path / path.name, loaded), edition=2019)
    crime_reports = import_crimes([shared_data / CRIMES])

    force = Force.objects.create(slug="west-yorkshire", name="West Yorkshire Police")
    by_msoa: dict[str, list[str]] = defaultdict(list)
    for code, name in codes.items():
        by_msoa[re.fullmatch(r"(.+ \d{3})[A-Z]", name)[1]].append(code)
    lsoa_of = {lsoa.code: lsoa for lsoa in LSOA.objects.filter(vintage=Vintage.V2011, code__in=codes)}
    members = {}
    for number, (msoa, msoa_codes) in enumerate(sorted(by_msoa.items())):
        hood = Neighbourhood.objects.create(force=force, code=f"MSOA{number:03d}", name=msoa)
        neighbourhood_set_lsoas(neighbourhood=hood, lsoas=[lsoa_of[c] for c in msoa_codes])
        members[hood.pk] = msoa_codes

    file_1 = _rows(tmp_path / FILE_1.name)
    rank = {r["LSOA code (2011)"]: _number(r["Index of Multiple Deprivation (IMD) Rank"]) for r in file_1}
    decile = {r["LSOA code (2011)"]: _number(r["Index of Multiple Deprivation (IMD) Decile"]) for r in file_1}
    population = {
        r["LSOA code (2011)"]: _number(r["Total population: mid 2015 (excluding prisoners)"])
        for r in _rows(tmp_path / FILE_6.name)
    }
    last = max(_month_index(row["Month"]) for row in crime_rows)
    # The 12 months to the latest loaded month, and the 12 before them (the trend's baseline).
    crime: dict[str, int] = defaultdict(int)
    asb: dict[str, int] = defaultdict(int)
    previous: dict[str, int] = defaultdict(int)
    for row in crime_rows:
        age = last - _month_index(row["Month"])
        if age < 12:
            (asb if row["Crime type"] == ASB else crime)[row["LSOA code"]] += 1
        elif age < 24 and row["Crime type"] != ASB:
            previous[row["LSOA code"]] += 1
    return {
        "force": force,
        "codes": codes,
        "members": members,
        "rank": rank,
        "decile": decile,
        "ranked": max(rank.values()),
        "population": population,
        "crime": crime,
        "asb": asb,
        "previous": previous,
        "months_in_window": len({row["Month"] for row in crime_rows if last - _month_index(row["Month"]) < 12}),
        "crime_reports": crime_reports,
    }


def _run(force: Force, method_id: int) -> ScoreRun:
    """The job, run as an operator runs it (the command runs the same job the worker does)."""
    call_command(
        "compute_deployment_scores",
        "--force",
        force.slug,
        "--method",
        str(method_id),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    return ScoreRun.objects.get(scope=force.slug, vintage=2011, is_current=True)


def test_west_yorkshire_acceptance(west_yorkshire, monkeypatch):
    """One load (the slow part) for every acceptance check; each run becomes current in turn."""
    imd_only_scoring_reproduces_the_imd_rank_order(west_yorkshire)
    the_agreed_method_ranks_the_neighbourhoods_with_their_breakdowns(west_yorkshire)
    the_vectorised_arithmetic_gives_the_reference_scores(west_yorkshire, monkeypatch)


SCORE_FIELDS = [
    "score", "rank", "band", "missing", "coverage_gap", "vli", "vli_priority", "crime_rate", "population", "components",
]  # fmt: skip


def the_vectorised_arithmetic_gives_the_reference_scores(wy: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """The numpy path (deployment.vector) against the readable one (deployment.maths) on every West Yorkshire
    LSOA and neighbourhood, for the agreed method and a z-score variant: every field equal, not approximately.
    """
    zscores = method_new_version(
        name="Agreed with z-scores",
        components=[{**c, "normalisation": "zscore"} for c in method_agreed().components],
        actor=None,
    )
    for method in (method_agreed(), zscores):
        vectorised = _run(wy["force"], method.pk)
        with monkeypatch.context() as patch:
            patch.setattr(scoring, "_score", functools.partial(scoring._score, reference=True))
            reference = _run(wy["force"], method.pk)
        for model, key in ((LSOAScore, "lsoa_id"), (NeighbourhoodScore, "neighbourhood_id")):
            rows = {
                run.pk: {row[key]: row for row in model.objects.filter(run=run).values(key, *SCORE_FIELDS)}
                for run in (vectorised, reference)
            }
            assert len(rows[vectorised.pk]) == len(rows[reference.pk])
            assert len(rows[vectorised.pk]) >= (1388 if model is LSOAScore else 1)
            assert rows[vectorised.pk] == rows[reference.pk]
        assert any(row["score"] is not None for row in rows[vectorised.pk].values())


def imd_only_scoring_reproduces_the_imd_rank_order(wy: dict) -> None:
    method = method_new_version(
        name="IMD only", components=[{"key": "imd", "weight": 1.0, "normalisation": "percentile"}], actor=None
    )
    run = _run(wy["force"], method.pk)
    assert run.status == ScoreRun.Status.SUCCEEDED
    scores = {s.lsoa.code: s for s in LSOAScore.objects.filter(run=run).select_related("lsoa")}
    assert set(scores) == set(wy["codes"])
    by_score = sorted(scores, key=lambda code: scores[code].rank)
    assert by_score == sorted(wy["codes"], key=lambda code: wy["rank"][code])
    # Ranks are distinct, so every LSOA has its own rank 1..n, and the top tenth are "priority".
    assert sorted(s.rank for s in scores.values()) == list(range(1, len(scores) + 1))
    priority = {code for code, s in scores.items() if s.band == "priority"}
    assert priority == set(by_score[: math.ceil(0.1 * len(scores))])
    assert not any(s.coverage_gap for s in scores.values()), "IMD alone uses no crime window"

    # Neighbourhoods: ordered by their population-weighted average IMD rank (most deprived first).
    hoods = {s.neighbourhood_id: s for s in NeighbourhoodScore.objects.filter(run=run)}
    assert set(hoods) == set(wy["members"])
    average = {
        pk: sum(wy["population"][c] * wy["rank"][c] for c in codes) / sum(wy["population"][c] for c in codes)
        for pk, codes in wy["members"].items()
    }
    ordered = sorted(hoods, key=lambda pk: hoods[pk].rank)
    assert all(average[a] <= average[b] + 0.1 for a, b in zip(ordered, ordered[1:], strict=False))
    for pk, score in hoods.items():
        expected_share = sum(wy["decile"][c] == 1 for c in wy["members"][pk]) / len(wy["members"][pk])
        assert score.share_most_deprived == pytest.approx(expected_share, abs=1e-4)


def the_agreed_method_ranks_the_neighbourhoods_with_their_breakdowns(wy: dict) -> None:
    assert not any(report.rejected for report in wy["crime_reports"])
    method = method_agreed()
    run = _run(wy["force"], method.pk)
    assert run.status == ScoreRun.Status.SUCCEEDED
    assert run.months_covered == wy["months_in_window"]
    hoods = {s.neighbourhood_id: s for s in NeighbourhoodScore.objects.filter(run=run)}
    assert set(hoods) == set(wy["members"])

    # The expected composite, from the raw files: percentiles among the force's neighbourhoods, weighted.
    residents = {pk: sum(wy["population"][c] for c in codes) for pk, codes in wy["members"].items()}

    def total(counts: dict[str, int]) -> dict[int, int]:
        return {pk: sum(counts[c] for c in codes) for pk, codes in wy["members"].items()}

    crimes, previous = total(wy["crime"]), total(wy["previous"])
    crime = {pk: 1000.0 * crimes[pk] / residents[pk] for pk in crimes}
    asb = {pk: 1000.0 * n / residents[pk] for pk, n in total(wy["asb"]).items()}
    # The change in the rate per 1,000 residents; from the counts, so equal changes tie exactly.
    trend = {pk: 1000.0 * (crimes[pk] - previous[pk]) / residents[pk] for pk in crimes}
    n = wy["ranked"]
    imd = {
        pk: 100.0 * (n - round(sum(wy["population"][c] * wy["rank"][c] for c in codes) / residents[pk], 1) + 1) / n
        for pk, codes in wy["members"].items()
    }
    raw = {"imd": imd, "crime_rate": crime, "asb_rate": asb, "trend": trend}
    weights = {c["key"]: c["weight"] for c in method.components if c["key"] in raw}
    assert all(c["normalisation"] == "percentile" for c in method.components)
    normalised = {key: _percentile(column) for key, column in raw.items()}
    total = sum(weights.values())
    expected = {pk: sum(weights[k] * normalised[k][pk] for k in raw) / total for pk in hoods}

    for pk, score in hoods.items():
        assert score.population == residents[pk]
        assert score.crime_rate == pytest.approx(crime[pk])
        parts = {part["key"]: part for part in score.components}
        assert set(parts) == {c["key"] for c in method.components}
        assert sum(p["contribution"] for p in parts.values() if p["weight"] > 0) == pytest.approx(score.score, abs=1e-3)
        for key in raw:
            assert parts[key]["raw"] == pytest.approx(raw[key][pk], abs=1e-3), key
            assert parts[key]["normalised"] == pytest.approx(normalised[key][pk], abs=1e-3), key
        assert score.score == pytest.approx(expected[pk], abs=1e-4)
        # No 15-24 population is loaded: the VLI-style index is missing and flagged, never scored as 0.
        assert score.vli is None
        assert parts["vli"]["missing"]
        # One month of police.uk data in a 12-month window: every score that uses crime says so.
        assert score.coverage_gap is (wy["months_in_window"] < 12)
    ordered = sorted(hoods, key=lambda pk: hoods[pk].rank)
    assert all(expected[a] >= expected[b] - 1e-6 for a, b in zip(ordered, ordered[1:], strict=False))
    assert sum(s.band == "priority" for s in hoods.values()) == math.ceil(0.1 * len(hoods))
