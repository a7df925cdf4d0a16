"""load_demo scores the demo force with the agreed method, through the compute_deployment_scores job."""

from __future__ import annotations

import pytest
from django.db.models import Max
from django.test import Client
from django.urls import reverse

from core.models import Job
from crime.models import Crime
from demo.deployment import load_deployment_demo
from demo.writer import SyncStats
from deployment.models import NeighbourhoodScore, ScoreRun
from deployment.services import method_agreed, method_new_version
from geography.models import Force, Neighbourhood

# One shared load (demo_area); the tests that write roll back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_area")]


def _current() -> ScoreRun:
    return ScoreRun.objects.get(scope="demoshire", vintage=2011, is_current=True)


def test_the_demo_force_has_current_scores_from_the_job(demo_area):
    run = _current()
    assert run.method == method_agreed()
    assert run.status == ScoreRun.Status.SUCCEEDED
    assert run.job is not None
    assert (run.job.kind, run.job.status) == ("compute_deployment_scores", Job.Status.SUCCEEDED)
    assert f"job #{run.job.pk}" in demo_area
    # The window ends at the demo's own last crime month, whatever else is loaded.
    last = Crime.objects.filter(falls_within="Demoshire Police").aggregate(last=Max("month"))["last"]
    assert run.window_end == last
    scores = NeighbourhoodScore.objects.filter(run=run)
    assert scores.count() == Neighbourhood.objects.filter(force__slug="demoshire").count() > 0
    assert not scores.filter(score__isnull=True).exists(), "every synthetic neighbourhood has every weighted input"


def test_the_deployment_pages_show_the_demo_scores(client: Client):
    run = _current()
    assert client.login(username="inspector", password="inspector")
    assert (
        reverse("deployment:run-detail", args=[run.pk]) in client.get(reverse("deployment:run-list")).content.decode()
    )
    page = client.get(reverse("deployment:run-detail", args=[run.pk]))
    assert page.status_code == 200
    top = NeighbourhoodScore.objects.filter(run=run).order_by("rank").select_related("neighbourhood").first()
    assert top.neighbourhood.name in page.content.decode()


def test_unchanged_demo_data_is_not_scored_again_but_a_newly_agreed_method_is():
    force = Force.objects.get(slug="demoshire")
    first = _current()
    stats = SyncStats()
    load_deployment_demo(force=force, stats=stats)
    assert _current() == first
    assert not stats.changed
    method = method_new_version(
        name="IMD only", components=[{"key": "imd", "weight": 1, "normalisation": "percentile"}], agree=True, actor=None
    )
    load_deployment_demo(force=force, stats=SyncStats())
    assert _current().method == method
    assert ScoreRun.objects.filter(scope="demoshire", status=ScoreRun.Status.SUCCEEDED).count() == 2
