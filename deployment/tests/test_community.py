"""The optional community-concern and survey components, on the hand-worked scene (conftest.py).

Ashfield is E01980001 + E01980002 (3,000 residents), Brookside E01980003 + E01980004 (2,000).
The engagement and priorities records are made through the app registry: feature apps' tests import only
each other's selectors (``[tool.importlinter]``).
"""

import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone

from deployment.models import LSOAScore, NeighbourhoodScore
from deployment.scoring import run_scores
from deployment.services import method_new_version

pytestmark = pytest.mark.django_db


def _concern(neighbourhood, people, *, days_ago=10):
    Concern = apps.get_model("engagement", "Concern")
    return Concern.objects.create(
        neighbourhood=neighbourhood,
        text="Cars parked on the pavement",
        people_count=people,
        source="other",
        created_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def _priority(neighbourhood, *, status="active"):
    Priority = apps.get_model("priorities", "Priority")
    return Priority.objects.create(
        neighbourhood=neighbourhood,
        title="Motorbikes on the playing field",
        problem="Off-road motorbikes",
        location_text="Mill Lane",
        time_pattern="Evenings",
        affected="Families",
        category="asb",
        tier=0,
        status=status,
        echr_checked=True,
        echr_note="Proportionate",
        activated_on=timezone.localdate(),
    )


def _method(key, actor):
    return method_new_version(
        name=f"With {key}",
        components=[
            {"key": "imd", "weight": 0.5, "normalisation": "percentile"},
            {"key": key, "weight": 0.5, "normalisation": "percentile"},
        ],
        actor=actor,
    )


def test_concern_counts_open_concerns_and_current_priorities_per_1000_residents(scene):
    cast = scene.cast
    _concern(cast.ashfield, 4)
    _concern(cast.ashfield, 2, days_ago=400)  # before the 12-month window: not counted
    taken_up = _concern(cast.ashfield, 5)
    _priority(cast.ashfield, status="proposed").concerns.add(taken_up)  # counted as a priority would be, not twice
    _priority(cast.brookside)
    _concern(cast.brookside, 1)
    run = run_scores(method=_method("concern", cast.ana), force=cast.force)

    hoods = {s.neighbourhood_id: s for s in NeighbourhoodScore.objects.filter(run=run)}
    part = lambda score: {p["key"]: p for p in score.components}["concern"]  # noqa: E731
    assert part(hoods[cast.ashfield.pk])["raw"] == pytest.approx(1000 * 4 / 3000, abs=1e-4)
    assert part(hoods[cast.brookside.pk])["raw"] == pytest.approx(1000 * (1 + 1) / 2000, abs=1e-4)
    # Ashfield's rate (1.33) is above Brookside's (1.0): percentiles 75 and 25 of two areas.
    assert part(hoods[cast.ashfield.pk])["normalised"] == 75.0
    assert part(hoods[cast.brookside.pk])["normalised"] == 25.0
    # An LSOA takes its neighbourhood's rate.
    lsoas = {s.lsoa.code: s for s in LSOAScore.objects.filter(run=run).select_related("lsoa")}
    assert part(lsoas["E01980002"])["raw"] == part(hoods[cast.ashfield.pk])["raw"]
    assert part(lsoas["E01980004"])["raw"] == part(hoods[cast.brookside.pk])["raw"]
    assert any(note.startswith("Community concern") for note in run.notes)
    assert not hoods[cast.ashfield.pk].coverage_gap, "concern and IMD use no crime window"


def _survey(neighbourhood, value, *, days_ago=30, measure="confidence", headline=True):
    profile, _ = apps.get_model("profiles", "NeighbourhoodProfile").objects.get_or_create(neighbourhood=neighbourhood)
    return apps.get_model("engagement", "SurveyResult").objects.create(
        profile=profile,
        measure=measure,
        is_headline=headline,
        question="" if headline else "Do you feel safe after dark?",
        surveyed_on=timezone.localdate() - dt.timedelta(days=days_ago),
        value=value,
        source="force",
        tier=2,
    )


def test_the_survey_deficit_is_100_minus_the_latest_confidence_result(scene):
    cast = scene.cast
    _survey(cast.ashfield, 70, days_ago=400)
    _survey(cast.ashfield, 55, days_ago=30)  # the latest: deficit 45
    _survey(cast.ashfield, 10, days_ago=10, measure="satisfaction")  # not a confidence result
    _survey(cast.brookside, 80, days_ago=60)  # deficit 20
    _survey(cast.brookside, 10, days_ago=900)  # older than the 24 months read
    run = run_scores(method=_method("survey", cast.ana), force=cast.force)

    hoods = {s.neighbourhood_id: s for s in NeighbourhoodScore.objects.filter(run=run)}
    part = lambda score: {p["key"]: p for p in score.components}["survey"]  # noqa: E731
    assert part(hoods[cast.ashfield.pk])["raw"] == pytest.approx(45.0)
    assert part(hoods[cast.brookside.pk])["raw"] == pytest.approx(20.0)
    assert part(hoods[cast.ashfield.pk])["normalised"] == 75.0
    lsoas = {s.lsoa.code: s for s in LSOAScore.objects.filter(run=run).select_related("lsoa")}
    assert part(lsoas["E01980003"])["raw"] == pytest.approx(20.0)
    assert all(s.score is not None for s in hoods.values())
    assert any(note.startswith("Confidence survey deficit") for note in run.notes)


def test_an_area_without_a_survey_result_is_missing_never_0(scene):
    cast = scene.cast
    _survey(cast.ashfield, 55)
    _survey(cast.brookside, 60, days_ago=900)  # too old: Brookside has none
    run = run_scores(method=_method("survey", cast.ana), force=cast.force)
    brookside = NeighbourhoodScore.objects.get(run=run, neighbourhood=cast.brookside)
    survey = {p["key"]: p for p in brookside.components}["survey"]
    assert survey["missing"]
    assert survey["raw"] is None
    assert brookside.score is None
    assert brookside.band == "missing"
    for score in LSOAScore.objects.filter(run=run, lsoa__code__in=["E01980003", "E01980004"]):
        assert score.score is None
        assert score.missing
    assert NeighbourhoodScore.objects.get(run=run, neighbourhood=cast.ashfield).score is not None
