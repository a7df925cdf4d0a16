"""The official File 7 layout (all scores, ranks, deciles and denominators), IoD2019 and IoD2025.

No File 7 is in shared/data, so each test writes one with the official header (reference-anchors §4.2-4.3,
including the truncated 2025 column) and fills it with real values from the files that are there.
"""

import csv
import gzip
from itertools import islice

import pytest

from geography.importers.imd import import_imd
from geography.models import LSOA, DeprivationRecord, Domain

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

DOMAINS = [  # (official label, score suffix, domain, 2025 short name)
    ("Index of Multiple Deprivation (IMD)", "", Domain.IMD, "IMD"),
    ("Income", " (rate)", Domain.INCOME, "Income"),
    ("Employment", " (rate)", Domain.EMPLOYMENT, "Employment"),
    ("Education, Skills and Training", "", Domain.EDUCATION, "Education"),
    ("Health Deprivation and Disability", "", Domain.HEALTH, "Health"),
    ("Crime", "", Domain.CRIME, "Crime"),
    ("Barriers to Housing and Services", "", Domain.BARRIERS, "Housing_and_Services"),
    ("Living Environment", "", Domain.LIVING_ENVIRONMENT, "Environment"),
]
RANK = " Rank (where 1 is most deprived)"
DECILE = " Decile (where 1 is most deprived 10% of LSOAs)"


def supplementary(edition):
    older = "Income Deprivation Affecting Older People" + (" Index" if edition == 2019 else "") + " (IDAOPI)"
    labels = ["Income Deprivation Affecting Children Index (IDACI)", older]
    labels += [f"{name} Sub-domain" for name in ("Children and Young People", "Adult Skills")]
    labels += [f"{name} Sub-domain" for name in ("Geographical Barriers", "Wider Barriers", "Indoors", "Outdoors")]
    columns = []
    for label in labels:
        rate = " (rate)" if "(ID" in label else ""
        decile = DECILE
        if edition == 2025 and label.startswith("Children and Young People"):
            decile = " Decile (where 1 is most deprived 10% of LSO"  # cut short in the official 2025 header
        columns += [f"{label} Score{rate}", f"{label}{RANK}", f"{label}{decile}"]
    return columns


def header(edition):
    vintage, lad = (2011, 2019) if edition == 2019 else (2021, 2024)
    columns = [f"LSOA code ({vintage})", f"LSOA name ({vintage})"]
    columns += [f"Local Authority District code ({lad})", f"Local Authority District name ({lad})"]
    for label, rate, _, _ in DOMAINS:
        columns += [f"{label} Score{rate}", f"{label}{RANK}", f"{label}{DECILE}"]
    columns += supplementary(edition)
    if edition == 2019:
        ages = ["Dependent Children aged 0-15", "Population aged 16-59", "Older population aged 60 and over"]
        columns += [f"{name}: mid 2015 (excluding prisoners)" for name in ["Total population", *ages]]
        columns += ["Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)"]
    else:
        ages = ["Total population", "Dependent Children aged 0-15", "Older population aged 60 and over"]
        columns += [f"{name}: mid 2022" for name in ages]
        columns += ["Working age population 18-66 (for use with Employment Deprivation Domain): mid 2022"]
    return columns


def read(path, count):
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(islice(csv.DictReader(handle), count))


def write(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)


def test_it_writes_headers_of_the_official_widths():
    assert (len(header(2019)), len(header(2025))) == (57, 56)


def test_it_imports_the_2025_file_7_layout_with_its_truncated_header(shared_data, tmp_path):
    source = read(shared_data / "iod" / "imd2025_england_lsoa21.csv.gz", 40)
    names = {r["lsoa21_code"]: r for r in read(shared_data / "lookups" / "lookup_lsoa21_ward24_ltla24.csv.gz", 40000)}
    rows = []
    for row in source:
        lookup = names.get(row["lsoa21_code"], {})
        cells = [row["lsoa21_code"], lookup.get("lsoa21_name", ""), lookup.get("ltla24_code", ""), ""]
        for _, _, _, short in DOMAINS:
            cells += [row[f"{short}_score"], f"{int(row[f'{short}_rank']):,}", row[f"{short}_decile"]]
        cells += ["0.1", "100", "1"] * 8  # supplementary indices: read past, not stored
        cells += ["1,500", "300", "400", "900"]
        rows.append(cells)
    path = tmp_path / "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv"
    write(path, header(2025), rows)
    report = import_imd(path)
    assert report.imported == report.read == len(source)
    assert "IoD2025 File 7" in report.notes[0]
    assert DeprivationRecord.objects.filter(edition=2025).count() == len(source) * len(DOMAINS)
    for row in source[::7]:
        for _, _, domain, short in DOMAINS:
            stored = DeprivationRecord.objects.get(lsoa__code=row["lsoa21_code"], edition=2025, domain=domain)
            assert (stored.score, stored.rank, stored.decile) == (
                pytest.approx(float(row[f"{short}_score"])),
                int(row[f"{short}_rank"]),
                int(row[f"{short}_decile"]),
            )
        lsoa = LSOA.objects.get(code=row["lsoa21_code"], vintage=2021)
        assert (lsoa.population, lsoa.population_source) == (1500, "IoD2025 File 7: mid-2022 population")
        assert lsoa.name == names.get(row["lsoa21_code"], {}).get("lsoa21_name", "")


def test_it_imports_the_2019_file_7_layout(shared_data, tmp_path):
    iod = shared_data / "iod"
    ranks = read(iod / "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz", 30)
    people = {r["LSOA code (2011)"]: r for r in read(iod / "File_6_-_IoD2019_Population_Denominators.csv.gz", 30)}
    rows = []
    for index, row in enumerate(ranks):
        cells = [row[c] for c in header(2019)[:4]]
        for number, (label, _, _, _) in enumerate(DOMAINS):
            cells += [f"{index + number / 10:.3f}", row[f"{label}{RANK}"], row[f"{label}{DECILE}"]]
        cells += ["0.1", "100", "1"] * 8
        cells += [people[row["LSOA code (2011)"]][c] for c in header(2019)[-5:]]
        rows.append(cells)
    path = tmp_path / "File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3.csv"
    write(path, header(2019), rows)
    report = import_imd(path, edition=2019)
    assert report.imported == len(ranks)
    assert "IoD2019 File 7" in report.notes[0]
    last = ranks[-1]
    crime = DeprivationRecord.objects.get(lsoa__code=last["LSOA code (2011)"], edition=2019, domain=Domain.CRIME)
    assert crime.rank == int(last[f"Crime{RANK}"].replace(",", ""))
    assert crime.score == pytest.approx(len(ranks) - 1 + 0.5)
    lsoa = LSOA.objects.get(code=last["LSOA code (2011)"], vintage=2011)
    total = people[last["LSOA code (2011)"]]["Total population: mid 2015 (excluding prisoners)"]
    assert lsoa.population == int(total.replace(",", ""))

    # File 2 then holds the same ranks and deciles and no scores: the scores stay, nothing changes.
    file_2 = tmp_path / "File_2_subset.csv"
    write(file_2, list(ranks[0].keys()), [list(row.values()) for row in ranks])
    merged = import_imd(file_2)
    assert merged.duplicates == len(ranks)
    crime.refresh_from_db()
    assert crime.score == pytest.approx(len(ranks) - 1 + 0.5)
