"""The synthetic area looks like real data: valid tiles, crimes inside their areas, IoD-shaped ranks, a real mix."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import statistics
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.db.models import Count, F

from accounts.models import Team, User
from core.roles import Role
from core.tiers import Tier
from crime.models import Crime
from demo.mix import FALLBACK_COUNTS, category_mix
from demo.synthetic import build_plan
from demo.tests.support import AS_AT
from geography.models import LSOA, DeprivationRecord, Domain, Force, Neighbourhood

# One shared load (demo_area) for the read-only checks below.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_area")]

ENGLAND = 32844  # LSOAs ranked in IoD2019


def proportions(counts: dict[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    return {key: value / total for key, value in counts.items()}


def demo_mix() -> dict[str, float]:
    return proportions(dict(Crime.objects.values_list("category").annotate(n=Count("pk"))))


def test_it_draws_valid_lsoas_that_do_not_overlap():
    lsoas = list(LSOA.objects.filter(source="synthetic demo"))
    assert len(lsoas) == 48
    for lsoa in lsoas:
        assert lsoa.geometry.valid, lsoa.code
        area_km2 = lsoa.geometry.transform(settings.MEASURE_SRID, clone=True).area / 1e6
        assert 0.5 <= area_km2 <= 1.5, (lsoa.code, area_km2)
        assert 1200 <= lsoa.population <= 2500
        touching = LSOA.objects.filter(source="synthetic demo", geometry__intersects=lsoa.geometry).exclude(pk=lsoa.pk)
        assert 3 <= touching.count() <= 8, lsoa.code  # a tile meets only its grid neighbours
        for other in touching:
            # Edges meet, interiors do not: a square degree here is about 7,300 km2, so 1e-10 is under 1 m2.
            assert lsoa.geometry.intersection(other.geometry).area < 1e-10, (lsoa.code, other.code)


def test_it_builds_twelve_neighbourhoods_of_four_neighbouring_lsoas():
    hoods = Neighbourhood.objects.filter(force__slug="demoshire")
    assert hoods.count() == 12
    for hood in hoods:
        members = list(hood.lsoas.all())
        assert len(members) == 4
        assert hood.boundary.num_geom == 1, hood.code  # the four LSOAs form one contiguous area
        assert hood.population == sum(lsoa.population for lsoa in members)
        assert hood.contact_details["email"].endswith(".example")
        assert hood.locations[0]["type"] == "station"


def test_it_covers_every_crime_with_its_neighbourhood_and_lsoa():
    crimes = Crime.objects.filter(falls_within="Demoshire Police")
    assert crimes.count() > 5000
    assert not crimes.filter(location__isnull=True).exists()
    assert not crimes.exclude(location__within=F("neighbourhood__boundary")).exists()
    assert not crimes.exclude(location__within=F("lsoa__geometry")).exists()
    assert not crimes.exclude(lsoa_code=F("lsoa__code")).exists()


def test_it_puts_crimes_in_the_twelve_months_before_the_as_at_date():
    expected = set()
    month = AS_AT.replace(day=1)
    for _ in range(12):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        expected.add(month)
    assert set(Crime.objects.values_list("month", flat=True).distinct()) == expected


def test_it_puts_deciles_in_their_rank_bands():
    records = DeprivationRecord.objects.filter(lsoa__source="synthetic demo", edition=2019)
    assert records.count() == 48 * len(Domain)
    for record in records:
        assert 1 <= record.rank <= ENGLAND
        # IoD2019 File 1: decile d holds the ranks above floor((d-1) * N / 10) up to floor(d * N / 10).
        assert (record.decile - 1) * ENGLAND // 10 < record.rank <= record.decile * ENGLAND // 10, record
        assert record.score is not None
    for domain in Domain:
        ranks = list(records.filter(domain=domain).values_list("rank", flat=True))
        assert len(set(ranks)) == 48, domain  # England ranks are distinct
        by_rank = sorted(records.filter(domain=domain).values_list("rank", "score"))
        scores = [score for _, score in by_rank]
        assert scores == sorted(scores, reverse=True), domain  # rank 1 has the highest score


def test_it_makes_some_neighbourhoods_clearly_more_deprived():
    imd = dict(DeprivationRecord.objects.filter(domain=Domain.IMD).values_list("lsoa_id", "decile"))
    means = [
        statistics.mean(imd[pk] for pk in hood.lsoas.values_list("pk", flat=True))
        for hood in Neighbourhood.objects.all()
    ]
    assert max(means) - min(means) >= 4


def test_it_puts_more_crime_in_more_deprived_lsoas():
    per_lsoa = dict(Crime.objects.values_list("lsoa_id").annotate(n=Count("pk")))
    ranks = dict(DeprivationRecord.objects.filter(domain=Domain.IMD).values_list("lsoa_id", "rank"))
    lsoas = sorted(ranks)
    # Rank 1 is the most deprived, so more crime goes with lower ranks.
    assert statistics.correlation([per_lsoa[pk] for pk in lsoas], [ranks[pk] for pk in lsoas]) < -0.5


@pytest.mark.shared_data
def test_it_matches_the_category_mix_of_the_real_west_yorkshire_month(demo_area, shared_data):
    path = shared_data / "crime" / "west-yorkshire" / "2018-07-west-yorkshire-street.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        source = proportions(Counter(row["Crime type"] for row in csv.DictReader(handle)))
    names = {  # the police.uk display names in that file -> API slugs (reference-anchors 1.4)
        "Anti-social behaviour": "anti-social-behaviour", "Bicycle theft": "bicycle-theft", "Burglary": "burglary",
        "Criminal damage and arson": "criminal-damage-arson", "Drugs": "drugs", "Other theft": "other-theft",
        "Possession of weapons": "possession-of-weapons", "Public order": "public-order", "Robbery": "robbery",
        "Shoplifting": "shoplifting", "Theft from the person": "theft-from-the-person", "Vehicle crime": "vehicle-crime",
        "Violence and sexual offences": "violent-crime", "Other crime": "other-crime",
    }  # fmt: skip
    expected = {names[name]: share for name, share in source.items()}
    assert "counted from crime/west-yorkshire/2018-07" in demo_area
    mix = demo_mix()
    assert set(mix) == set(expected)
    for slug, share in expected.items():
        assert mix[slug] == pytest.approx(share, abs=0.02), slug
    assert max(mix, key=mix.get) == "violent-crime"


def test_it_uses_the_fallback_mix_without_shared_data(tmp_path):
    mix = category_mix(tmp_path)
    assert mix.source.startswith("fallback table")
    plan = build_plan(seed=42, as_at=AS_AT, mix=mix)
    generated = proportions(Counter(crime.category for crime in plan.crimes))
    for slug, share in proportions(FALLBACK_COUNTS).items():
        assert generated[slug] == pytest.approx(share, abs=0.02), slug


def test_it_labels_the_data_synthetic(demo_area):
    assert "SYNTHETIC" in demo_area
    force = Force.objects.get(slug="demoshire")
    assert force.synthetic
    assert force.name == "Demoshire Police"
    lsoas = LSOA.objects.filter(code__startswith="E0199")
    assert lsoas.count() == 48
    assert all(lsoa.source == "synthetic demo" and "(synthetic)" in lsoa.name for lsoa in lsoas)
    assert all("(synthetic)" in n.name for n in force.neighbourhoods.all())
    assert not DeprivationRecord.objects.exclude(source__contains="synthetic").exists()
    assert not Crime.objects.exclude(source_file__contains="synthetic").exists()


def test_it_sets_up_the_team_officer_and_partner():
    sergeant = User.objects.get(username="sergeant")
    team = Team.objects.get(leader=sergeant)
    team_areas = set(team.neighbourhoods.all())
    officer = User.objects.get(username="officer")
    assert len(team_areas) == 4
    assert officer.neighbourhoods.count() == 2
    assert set(officer.neighbourhoods.all()) <= team_areas
    assert set(Neighbourhood.objects.editable_by(officer).values_list("pk", flat=True)) == {
        n.pk for n in officer.neighbourhoods.all()
    }
    partner = User.objects.get(username="partner")
    assert partner.organisation.agreement_in_force()
    assert partner.max_tier() == Tier.PARTNER
    assert 0 < partner.organisation.neighbourhoods.count() < 12
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    assert Role.ADMINISTRATOR in admin.roles


@pytest.mark.shared_data
def test_it_keeps_clear_of_the_real_west_yorkshire_lsoas(shared_data):
    # Real crimes imported by --real must never fall inside a synthetic neighbourhood.
    synthetic = Neighbourhood.objects.filter(force__slug="demoshire")
    area = synthetic[0].boundary
    for hood in synthetic[1:]:
        area = area.union(hood.boundary)
    features = json.loads((shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson").read_text())
    near = [
        f["properties"]["LSOA11CD"]
        for f in features["features"]
        if GEOSGeometry(json.dumps(f["geometry"]), srid=4326).distance(area) < 0.05  # degrees: about 3 km
    ]
    assert near == []
