"""The snapshot job stores each scope's values (missing stored as missing), idempotently; the command runs it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accounts.models import Team
from core.models import Job
from performance.models import MeasureSnapshot
from performance.snapshots import snapshots_store
from performance.tests.conftest import PERIOD, Scene

pytestmark = pytest.mark.django_db


def test_snapshot_stores_each_scope_and_reruns_in_place(scene: Scene) -> None:
    cast = scene.cast
    first = snapshots_store(period=PERIOD)
    # Testshire: 3 neighbourhoods and one team; Otherton: Elsewhere.
    assert (first["forces"], first["teams"], first["neighbourhoods"]) == (2, 1, 4)
    assert snapshots_store(period=PERIOD) == first
    assert MeasureSnapshot.objects.count() == first["values"]
    team = Team.objects.get(name="Ashfield and Brookside NPT")
    named = MeasureSnapshot.objects.get(measure="named_officer", scope="team", scope_id=team.pk)
    assert (named.numerator, named.denominator, named.value) == (1, 2, 0.5)
    missing = MeasureSnapshot.objects.get(measure="queries_72h", scope="neighbourhood", scope_id=cast.brookside.pk)
    assert missing.value is None
    assert missing.missing.startswith("missing")


def test_the_command_runs_the_named_job(scene: Scene) -> None:
    out = io.StringIO()
    call_command("performance_snapshot", "--months", "3", "--ending", "2026-03", stdout=out, stderr=io.StringIO())
    job = Job.objects.get(kind="performance.snapshot")
    assert job.status == Job.Status.SUCCEEDED
    assert MeasureSnapshot.objects.filter(period_start=PERIOD.start, period_end=PERIOD.end).exists()
