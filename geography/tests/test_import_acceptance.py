"""Issue 2 acceptance: West Yorkshire LSOA 2011 boundaries and IoD2019 Files 1, 2 and 6 account for every row,
and importing them again changes no counts."""

import csv
import gzip
import json

import pytest

from geography.importers.boundaries import import_lsoa_boundaries
from geography.importers.imd import import_imd
from geography.models import LSOA, DeprivationRecord, Domain

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

IOD = [
    "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz",
    "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz",
    "File_6_-_IoD2019_Population_Denominators.csv.gz",
]


def read_csv(path):
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def number(text):
    return int(text.replace(",", ""))


def accounted(report):
    return report.read == report.imported + report.duplicates + report.rejected_total + sum(report.skipped.values())


def run_all(shared_data):
    boundaries = shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson"
    reports = [import_lsoa_boundaries(boundaries, vintage=2011)]
    reports += [import_imd(shared_data / "iod" / name) for name in IOD]
    return reports


def test_it_accounts_for_every_row_and_changes_nothing_on_a_rerun(shared_data):
    with open(shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson") as handle:
        features = len(json.load(handle)["features"])
    files = [read_csv(shared_data / "iod" / name) for name in IOD]
    rows = [len(data) for data in files]
    first = run_all(shared_data)
    assert [r.read for r in first] == [features, *rows]
    assert all(accounted(r) for r in first)
    assert all(r.rejected_total == 0 for r in first)
    counts = (
        LSOA.objects.count(),
        LSOA.objects.filter(geometry__isnull=False).count(),
        DeprivationRecord.objects.count(),
    )
    assert counts == (rows[0], features, rows[1] * 8)
    assert not LSOA.objects.filter(population__isnull=True).exists()
    check_values(*files)

    again = run_all(shared_data)
    assert all(accounted(r) for r in again)
    assert [r.imported for r in again] == [0, 0, 0, 0]
    assert [r.duplicates for r in again] == [r.read for r in again]
    assert (
        LSOA.objects.count(),
        LSOA.objects.filter(geometry__isnull=False).count(),
        DeprivationRecord.objects.count(),
    ) == counts


def check_values(file_1, file_2, file_6):
    """Spot checks against the CSVs: File 1's "29,199"-style ranks, File 2's domains, File 6's population."""
    code = "LSOA code (2011)"
    separated = [row for row in file_1 if "," in row["Index of Multiple Deprivation (IMD) Rank"]]
    for row in separated[::1500]:
        imd = DeprivationRecord.objects.get(lsoa__code=row[code], edition=2019, domain=Domain.IMD)
        assert imd.rank == number(row["Index of Multiple Deprivation (IMD) Rank"])
        assert imd.decile == int(row["Index of Multiple Deprivation (IMD) Decile"])
        assert imd.score is None
    for row in file_2[::2500]:
        crime = DeprivationRecord.objects.get(lsoa__code=row[code], edition=2019, domain=Domain.CRIME)
        assert crime.rank == number(row["Crime Rank (where 1 is most deprived)"])
        assert crime.decile == int(row["Crime Decile (where 1 is most deprived 10% of LSOAs)"])
    for row in file_6[::2500]:
        lsoa = LSOA.objects.get(code=row[code], vintage=2011)
        assert lsoa.population == number(row["Total population: mid 2015 (excluding prisoners)"])
        assert lsoa.population_source == "IoD2019 File 6: mid-2015 population (excluding prisoners)"
        assert lsoa.name == row["LSOA name (2011)"]
        assert lsoa.local_authority_name == row["Local Authority District name (2019)"]
