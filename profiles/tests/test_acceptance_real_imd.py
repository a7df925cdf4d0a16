"""Acceptance (issue 3): with the real West Yorkshire data imported, a profile of a neighbourhood made of real
LSOAs shows the real IMD figures, population-weighted, matching a hand computation from the CSV files."""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from geography.deprivation import deprivation_for
from geography.importers.boundaries import import_lsoa_boundaries
from geography.importers.imd import import_imd
from geography.models import LSOA, Domain, Vintage
from geography.services import neighbourhood_set_lsoas

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

MSOA = "Bradford 018"  # six LSOAs spanning deciles 1 to 9
FILE_1 = "iod/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"
FILE_2 = "iod/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz"
FILE_6 = "iod/File_6_-_IoD2019_Population_Denominators.csv.gz"
# File 2's column title for each domain (official long names; "(where 1 is most deprived)" follows).
FILE_2_DOMAINS = {
    Domain.IMD: "Index of Multiple Deprivation (IMD)",
    Domain.INCOME: "Income",
    Domain.EMPLOYMENT: "Employment",
    Domain.EDUCATION: "Education, Skills and Training",
    Domain.HEALTH: "Health Deprivation and Disability",
    Domain.CRIME: "Crime",
    Domain.BARRIERS: "Barriers to Housing and Services",
    Domain.LIVING_ENVIRONMENT: "Living Environment",
}


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return {row["LSOA code (2011)"]: row for row in csv.DictReader(handle)}


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _column(row: dict[str, str], prefix: str, kind: str) -> int:
    (name,) = [key for key in row if key.startswith(f"{prefix} {kind}")]
    return _int(row[name])


def _by_hand(data: Path, codes: list[str]) -> dict[str, dict[str, float]]:
    """Population-weighted average rank and decile, and the decile-1 shares, straight from the CSVs."""
    file_1, file_2, file_6 = _rows(data / FILE_1), _rows(data / FILE_2), _rows(data / FILE_6)
    population = {code: _int(file_6[code]["Total population: mid 2015 (excluding prisoners)"]) for code in codes}
    total = sum(population.values())
    expected = {}
    for domain, prefix in FILE_2_DOMAINS.items():
        ranks = {code: _column(file_2[code], prefix, "Rank") for code in codes}
        deciles = {code: _column(file_2[code], prefix, "Decile") for code in codes}
        if domain == Domain.IMD:  # File 1 must agree with File 2
            assert ranks == {c: _int(file_1[c]["Index of Multiple Deprivation (IMD) Rank"]) for c in codes}
        expected[domain] = {
            "rank": sum(population[c] * ranks[c] for c in codes) / total,
            "decile": sum(population[c] * deciles[c] for c in codes) / total,
            "share_lsoas": sum(1 for c in codes if deciles[c] == 1) / len(codes),
            "share_population": sum(population[c] for c in codes if deciles[c] == 1) / total,
        }
    return expected


@pytest.fixture
def bradford_018(cast, shared_data):
    features = json.loads((shared_data / "boundaries/west_yorkshire_lsoa11_bsc_v3.geojson").read_text())["features"]
    codes = sorted(f["properties"]["LSOA11CD"] for f in features if f["properties"]["LSOA11NM"].startswith(MSOA))
    assert len(codes) == 6
    import_lsoa_boundaries(shared_data / "boundaries/west_yorkshire_lsoa11_bsc_v3.geojson", vintage=Vintage.V2011)
    for name in (FILE_1, FILE_2, FILE_6):
        import_imd(shared_data / name)
    neighbourhood_set_lsoas(
        neighbourhood=cast.ashfield, lsoas=LSOA.objects.filter(vintage=Vintage.V2011, code__in=codes)
    )
    return codes


def test_it_shows_real_population_weighted_imd_figures(bradford_018, cast, client, shared_data):
    expected = _by_hand(shared_data, bradford_018)
    (edition,) = deprivation_for(cast.ashfield).editions
    assert edition.edition == 2019
    assert [row.code for row in edition.lsoas] == bradford_018
    for summary in edition.domains:
        want = expected[summary.domain]
        assert summary.average_rank == pytest.approx(want["rank"])
        assert summary.average_decile == pytest.approx(want["decile"])
        assert summary.share_lsoas_most_deprived == pytest.approx(want["share_lsoas"])
        assert summary.share_population_most_deprived == pytest.approx(want["share_population"])
        assert summary.average_score is None  # the IoD2019 files here carry no scores

    client.force_login(cast.pat)  # the figures are public: even the partner sees them
    page = client.get(reverse("profiles:detail", args=[cast.ashfield.pk])).content.decode()
    imd_row = re.search(r'<tr class="govuk-table__row" data-domain="imd">(.*?)</tr>', page, re.S).group(1)
    imd = expected[Domain.IMD]
    assert f'data-measure="average-rank">{imd["rank"]:,.1f}<' in imd_row
    assert f'data-measure="average-decile">{imd["decile"]:,.2f}<' in imd_row
    assert f'data-measure="share-lsoas">{imd["share_lsoas"] * 100:.1f}%<' in imd_row
    assert f'data-measure="share-population">{imd["share_population"] * 100:.1f}%<' in imd_row
    assert "Not available (this edition's files have no scores)" in imd_row
    assert "mid-2015 population" in page  # the population source is named
    assert "English Indices of Deprivation 2019 (LSOA 2011 areas)" in page


def test_it_shows_real_2025_scores_and_says_the_population_weights_are_missing(cast, client, shared_data):
    """IoD2025 publishes scores (on 2021 LSOAs) but this file has no populations: scores per LSOA, no averages."""
    from geography.models import NeighbourhoodLSOA

    path = shared_data / "iod/imd2025_england_lsoa21.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["lsoa21_code"].startswith("E0101")][:4]
    import_imd(path)
    for row in rows:
        lsoa = LSOA.objects.get(code=row["lsoa21_code"], vintage=Vintage.V2021)
        NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=lsoa, weight=1, method="explicit")
    (edition,) = deprivation_for(cast.ashfield).editions
    assert edition.edition == 2025
    assert {r.code: r.imd.score for r in edition.lsoas} == {r["lsoa21_code"]: float(r["IMD_score"]) for r in rows}
    assert edition.imd.scores_published
    assert edition.imd.average_score is None
    assert sorted(edition.population_missing) == sorted(r["lsoa21_code"] for r in rows)
    client.force_login(cast.olivia)
    page = client.get(reverse("profiles:detail", args=[cast.ashfield.pk])).content.decode()
    assert "Population weights: <strong>not available</strong>" in page
    assert rows[0]["IMD_score"].rstrip("0").rstrip(".") in page
