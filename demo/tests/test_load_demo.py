"""The command: deterministic, idempotent, labelled synthetic, and every printed login works."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from accounts.models import PartnerOrganisation, Team, User
from core.models import AuditEvent, Job
from core.roles import Role
from crime.models import Crime
from demo.tests.support import printed_logins, wipe_demo
from deployment.models import ScoreRun
from geography.models import LSOA, DeprivationRecord, Force, Neighbourhood, NeighbourhoodLSOA

pytestmark = pytest.mark.django_db

COUNTED = [Force, LSOA, Neighbourhood, NeighbourhoodLSOA, DeprivationRecord, Crime, User, Team, PartnerOrganisation]
COUNTED += [ScoreRun, Job]  # the demo's deployment score run is not repeated either


def fingerprint() -> dict[str, object]:
    lsoas = LSOA.objects.filter(source="synthetic demo").order_by("code")
    geometry = hashlib.sha256()
    for lsoa in lsoas:
        coords = [(round(x, 6), round(y, 6)) for x, y in lsoa.geometry[0][0].coords]
        geometry.update(f"{lsoa.code}{coords}".encode())
    crimes = hashlib.sha256()
    for row in Crime.objects.filter(falls_within="Demoshire Police").order_by("key"):
        crimes.update(f"{row.key}{row.month}{row.category}{row.lsoa_code}{row.location.coords}".encode())
    categories: dict[str, int] = {}
    for category in Crime.objects.filter(falls_within="Demoshire Police").values_list("category", flat=True):
        categories[category] = categories.get(category, 0) + 1
    return {
        "codes": [lsoa.code for lsoa in lsoas],
        "geometry": geometry.hexdigest(),
        "categories": categories,
        "crimes": crimes.hexdigest(),
        "deprivation": sorted(DeprivationRecord.objects.values_list("lsoa__code", "domain", "rank", "decile", "score")),
        "neighbourhoods": sorted(
            (n.code, n.name, tuple(sorted(n.lsoas.values_list("code", flat=True)))) for n in Neighbourhood.objects.all()
        ),
    }


def counts() -> dict[str, int]:
    rows = {model.__name__: model.objects.count() for model in COUNTED}
    rows["audit"] = AuditEvent.objects.count()
    for model in (Force, Neighbourhood, User, Team, PartnerOrganisation):
        rows[f"history {model.__name__}"] = model.history.count()
    return rows


def test_it_gives_identical_data_for_the_same_seed(run_demo):
    run_demo("--seed", "7")
    first = fingerprint()
    wipe_demo()
    assert not Crime.objects.exists()
    run_demo("--seed", "7")
    assert fingerprint() == first


def test_it_gives_different_data_for_another_seed_and_replaces_the_old(run_demo):
    run_demo("--seed", "7")
    first = fingerprint()
    run_demo("--seed", "8")
    second = fingerprint()
    assert second["geometry"] != first["geometry"]
    assert second["crimes"] != first["crimes"]
    assert not Crime.objects.filter(source_file__contains="seed 7").exists()
    assert Crime.objects.count() == sum(second["categories"].values())


def test_it_changes_nothing_on_a_second_run(run_demo):
    run_demo()
    before = counts()
    memberships = sorted(NeighbourhoodLSOA.objects.values_list("pk", flat=True))
    output = run_demo()
    assert counts() == before
    assert sorted(NeighbourhoodLSOA.objects.values_list("pk", flat=True)) == memberships
    assert "nothing changed" in output
    assert before["Crime"] > 5000


def test_it_lets_every_role_log_in_with_its_printed_password(run_demo):
    logins = printed_logins(run_demo())
    assert {label for label, _, _ in logins} == {role.label for role in Role}
    labels = {role.label: role for role in Role}
    for label, username, password in logins:
        assert Client().login(username=username, password=password), username
        assert User.objects.get(username=username).role == labels[label]


def test_it_resets_a_changed_password(run_demo):
    run_demo()
    officer = User.objects.get(username="officer")
    officer.set_password("something-else")
    officer.save()
    run_demo()
    assert Client().login(username="officer", password="officer")


def test_it_loads_an_evaluated_impact_study_once(run_demo):
    from impact.models import ImpactRun, ImpactStudy

    run_demo()
    study = ImpactStudy.objects.get()
    assert study.runs.get().status == ImpactRun.Status.COMPLETE
    assert study.runs.get().results["outcomes"]["all-crime"]["treated"]["before"] > 0
    run_demo()
    assert ImpactRun.objects.count() == 1
