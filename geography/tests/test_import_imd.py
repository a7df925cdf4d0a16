"""import_imd against the real IoD files in shared/data/iod (expected values are read from the same CSVs)."""

import csv
import gzip

import pytest

from geography.importers.imd import import_imd, records_upsert
from geography.models import LSOA, DeprivationRecord, Domain

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

CODE_2011 = "LSOA code (2011)"
FILE_2_COLUMNS = {
    Domain.IMD: "Index of Multiple Deprivation (IMD)",
    Domain.INCOME: "Income",
    Domain.EDUCATION: "Education, Skills and Training",
    Domain.BARRIERS: "Barriers to Housing and Services",
    Domain.LIVING_ENVIRONMENT: "Living Environment",
}
SHORT_2025 = {
    Domain.IMD: "IMD",
    Domain.CRIME: "Crime",
    Domain.BARRIERS: "Housing_and_Services",
    Domain.HEALTH: "Health",
}


def rows(path):
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def number(text):
    return int(text.replace(",", ""))


def record(code, domain, edition=2019):
    return DeprivationRecord.objects.get(lsoa__code=code, edition=edition, domain=domain)


def subset(source, target, lines):
    with gzip.open(source, "rt", encoding="utf-8-sig") as whole, gzip.open(target, "wt", encoding="utf-8") as part:
        part.writelines(line for _, line in zip(range(lines + 1), whole, strict=False))
    return target


def test_it_merges_file_2_into_file_1(shared_data, tmp_path):
    iod = shared_data / "iod"
    first = subset(iod / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz", tmp_path / "file1.csv.gz", 200)
    second = subset(iod / "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz", tmp_path / "file2.csv.gz", 200)
    import_imd(first)
    sources = dict(DeprivationRecord.objects.values_list("lsoa__code", "source"))
    report = import_imd(second)
    assert report.imported == 200
    assert "deprivation records (IoD2019): 1400 new, 0 updated, 200 unchanged" in report.notes
    assert DeprivationRecord.objects.count() == 200 * len(Domain)
    # File 2 repeats File 1's IMD ranks: those records keep their values and where they came from.
    assert dict(DeprivationRecord.objects.filter(domain=Domain.IMD).values_list("lsoa__code", "source")) == sources
    for row in rows(second)[::37]:
        for domain, label in FILE_2_COLUMNS.items():
            stored = record(row[CODE_2011], domain)
            assert stored.rank == number(row[f"{label} Rank (where 1 is most deprived)"])
            assert stored.decile == int(row[f"{label} Decile (where 1 is most deprived 10% of LSOAs)"])
            assert stored.score is None


def test_it_stores_2025_scores_ranks_and_deciles_on_2021_lsoas(shared_data):
    path = shared_data / "iod" / "imd2025_england_lsoa21.csv.gz"
    data = rows(path)
    report = import_imd(path, edition=2025)
    assert report.imported == len(data)
    assert LSOA.objects.filter(vintage=2021).count() == len(data)
    assert not LSOA.objects.filter(vintage=2011).exists()
    for row in data[::2003]:
        for domain, short in SHORT_2025.items():
            stored = record(row["lsoa21_code"], domain, edition=2025)
            assert stored.score == pytest.approx(float(row[f"{short}_score"]))
            assert stored.rank == int(row[f"{short}_rank"])
            assert stored.decile == int(row[f"{short}_decile"])
    assert not any("scores are absent" in note for note in report.notes)


def test_it_changes_nothing_when_run_again(shared_data, tmp_path):
    path = subset(shared_data / "iod" / "imd2019_england_lsoa11_ranks_deciles.csv.gz", tmp_path / "short.csv.gz", 300)
    first = import_imd(path)
    counts = (LSOA.objects.count(), DeprivationRecord.objects.count())
    snapshot = set(DeprivationRecord.objects.values_list("lsoa__code", "domain", "rank", "decile", "score"))
    again = import_imd(path)
    assert first.imported == again.duplicates == again.read == 300
    assert again.imported == 0
    assert (LSOA.objects.count(), DeprivationRecord.objects.count()) == counts == (300, 300 * len(Domain))
    assert set(DeprivationRecord.objects.values_list("lsoa__code", "domain", "rank", "decile", "score")) == snapshot


def test_it_upserts_records_the_portable_way_too(shared_data):
    lsoa = LSOA.objects.create(code="E01000001", vintage=2011)
    records_upsert([(lsoa.pk, Domain.CRIME, None, 7, 3)], edition=2019, source="first", fast=False)
    records_upsert([(lsoa.pk, Domain.CRIME, 1.5, 8, 3)], edition=2019, source="second", fast=False)
    records_upsert([(lsoa.pk, Domain.INCOME, 0.2, 9, 4)], edition=2019, source="fast", fast=True)
    assert set(DeprivationRecord.objects.values_list("domain", "score", "rank", "decile", "source")) == {
        (Domain.CRIME, 1.5, 8, 3, "second"),
        (Domain.INCOME, 0.2, 9, 4, "fast"),
    }


def test_lsoas_known_only_by_deprivation_are_marked_no_boundary_loaded(shared_data, tmp_path):
    """Issue 8 §4: a national IoD file names LSOAs whose boundaries are not loaded; the report says so."""
    boundaries = shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson"
    from geography.importers.boundaries import import_lsoa_boundaries

    import_lsoa_boundaries(boundaries, vintage=2011)
    bounded = set(LSOA.objects.values_list("code", flat=True))
    source = rows(shared_data / "iod" / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz")
    inside = [row for row in source if row[CODE_2011] in bounded][:30]
    outside = [row for row in source if row[CODE_2011] not in bounded][:20]
    path = tmp_path / "file1_sample.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(source[0]))
        writer.writeheader()
        writer.writerows(inside + outside)
    report = import_imd(path)
    assert any(note.startswith("20 LSOAs of this file have no boundary loaded") for note in report.notes)
    codes_only = {row[CODE_2011] for row in outside}
    assert set(LSOA.objects.without_boundary().values_list("code", flat=True)) == codes_only
    assert set(LSOA.objects.with_boundary().values_list("code", flat=True)) == bounded
    assert not LSOA.objects.get(code=outside[0][CODE_2011]).has_boundary
    # Their deprivation is stored all the same, by code.
    assert DeprivationRecord.objects.filter(lsoa__code__in=codes_only, domain=Domain.IMD).count() == 20


def test_the_admin_lists_lsoas_with_no_boundary_loaded(admin_client):
    from tests.factories import LSOAFactory, square

    LSOAFactory(code="E01000001", vintage=2011, geometry=None)
    LSOAFactory(code="E01000002", vintage=2011, geometry=square(-1.5, 53.8))
    page = admin_client.get("/admin/geography/lsoa/", {"boundary": "none"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "E01000001" in text
    assert "E01000002" not in text
    assert "No boundary loaded" in text
