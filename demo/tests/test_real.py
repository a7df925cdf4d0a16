"""load_demo --real: West Yorkshire from the shared open data, through the real importers."""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import defaultdict

import pytest
from django.core.management.base import CommandError
from django.db.models import F, Max
from django.test import Client

from accounts.models import PartnerOrganisation, Team, User
from crime.models import Crime
from demo.tests.support import printed_logins
from deployment.models import NeighbourhoodScore, ScoreRun
from geography.models import LSOA, DeprivationRecord, Force, Neighbourhood, NeighbourhoodLSOA

pytestmark = pytest.mark.django_db

COUNTED = [Force, LSOA, Neighbourhood, NeighbourhoodLSOA, DeprivationRecord, Crime, User, Team, PartnerOrganisation]
COUNTED += [ScoreRun]


def test_it_fails_plainly_without_the_shared_data(run_demo, settings, tmp_path):
    settings.SHARED_DATA_DIR = tmp_path / "absent"
    with pytest.raises(CommandError, match="shared data folder is missing"):
        run_demo("--real")
    assert not Force.objects.exists()


@pytest.mark.shared_data
def test_it_builds_the_demo_from_real_west_yorkshire_data(run_demo, shared_data):
    output = run_demo("--real")
    assert "REAL open data" in output
    force = Force.objects.get(slug="west-yorkshire")
    assert not force.synthetic

    # Every row of the three crime months is there, whatever the importer did with it.
    rows = 0
    for path in sorted((shared_data / "crime" / "west-yorkshire").glob("*-street.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
            rows += sum(1 for _ in csv.DictReader(handle))
    assert Crime.objects.filter(falls_within="West Yorkshire Police").count() == rows

    # Each demo neighbourhood is exactly the LSOAs of one MSOA in the boundary file.
    features = json.loads((shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson").read_text())
    msoa_lsoas: dict[str, set[str]] = defaultdict(set)
    for feature in features["features"]:
        name = feature["properties"]["LSOA11NM"]
        msoa_lsoas[name[:-1]].add(feature["properties"]["LSOA11CD"])
    hoods = list(force.neighbourhoods.all())
    assert len(hoods) == 12
    assert {h.name.split(" ")[0] for h in hoods} == {"Leeds", "Bradford"}
    for hood in hoods:
        msoa = re.match(r"^(.+ \d{3}) \(demo\)$", hood.name)[1]
        assert set(hood.lsoas.values_list("code", flat=True)) == msoa_lsoas[msoa], hood.name
        assert hood.crimes.exists()
    linked = Crime.objects.filter(neighbourhood__force=force)
    assert not linked.exclude(location__intersects=F("neighbourhood__boundary")).exists()

    # IoD2019 from Files 1, 2 and 6: eight records and a population for every West Yorkshire LSOA.
    wy = LSOA.objects.filter(code__in=[code for codes in msoa_lsoas.values() for code in codes])
    assert wy.count() == len(features["features"])
    assert DeprivationRecord.objects.filter(lsoa__in=wy, edition=2019).count() == 8 * wy.count()
    assert not wy.filter(population__isnull=True).exists()

    for label, username, password in printed_logins(output):
        assert Client().login(username=username, password=password), (label, username)
    officer = User.objects.get(username="officer")
    assert officer.force == force
    assert set(officer.neighbourhoods.all()) <= set(Team.objects.get(force=force).neighbourhoods.all())

    # The deployment pages have scores: the agreed method over the demo neighbourhoods, to the last real month.
    run = ScoreRun.objects.get(scope=force.slug, vintage=2011, is_current=True)
    last = Crime.objects.filter(falls_within="West Yorkshire Police").aggregate(last=Max("month"))["last"]
    assert run.window_end == last
    assert NeighbourhoodScore.objects.filter(run=run, score__isnull=False).count() == len(hoods)

    before = {model.__name__: model.objects.count() for model in COUNTED}
    run_demo("--real")
    assert {model.__name__: model.objects.count() for model in COUNTED} == before
