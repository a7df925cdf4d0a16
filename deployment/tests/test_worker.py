"""Score runs on a real Celery worker (Redis broker): one completes and becomes current; one killed midway
leaves the previous current run and its scores as they were. Fixtures and helpers from core's worker tests."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from core.jobs import job_rerun, job_start
from core.models import Job
from core.tests.test_worker import (  # noqa: F401  # queue and cli_workers are fixtures
    _backend_gone,
    _backend_holds_writes_on,
    _backend_waiting_on,
    _wait_for,
    _wait_until_finished,
    _worker,
    cli_workers,
    queue,
)
from deployment.models import LSOAScore, NeighbourhoodScore, ScoreRun
from deployment.scoring import run_scores

pytestmark = pytest.mark.worker


@pytest.mark.django_db(transaction=True)
def test_a_worker_computes_a_run_that_becomes_current(scene, queue):  # noqa: F811
    job = job_start(
        kind="compute_deployment_scores", params={"force": "testshire", "method": scene.imd_only.pk}, actor=None
    )
    with _worker(queue):
        job = _wait_until_finished(job)
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.progress == 100
    run = ScoreRun.objects.get(pk=job.result["runs"][0])
    assert (run.is_current, run.status, run.job_id, run.lsoa_count) == (True, "succeeded", job.pk, 4)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_run_leaves_the_previous_current_run(
    scene,
    queue,  # noqa: F811
    cli_workers: Callable[..., subprocess.Popen[bytes]],  # noqa: F811
):
    first = run_scores(method=scene.imd_only, force=scene.cast.force)
    before = sorted(LSOAScore.objects.filter(run=first).values_list("lsoa_id", "score", "rank"))
    table = NeighbourhoodScore._meta.db_table
    # Hold the neighbourhood-score table: the run writes its LSOA scores, then waits here. That is midway.
    locker = connections.create_connection(DEFAULT_DB_ALIAS)
    locker.set_autocommit(False)
    with locker.cursor() as cursor:
        cursor.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
    try:
        worker = cli_workers(queue)
        job = job_start(
            kind="compute_deployment_scores", params={"force": "testshire", "method": scene.imd_only.pk}, actor=None
        )
        backend = _wait_for(lambda: _backend_waiting_on(table), "the run to block mid-transaction")
        assert _backend_holds_writes_on(backend, LSOAScore._meta.db_table), "LSOA scores written, uncommitted"
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        locker.rollback()
        locker.close()
    _wait_for(lambda: _backend_gone(backend), "the dead worker's database session to end")

    assert list(ScoreRun.objects.current().values_list("pk", flat=True)) == [first.pk]
    assert sorted(LSOAScore.objects.filter(run=first).values_list("lsoa_id", "score", "rank")) == before
    abandoned = ScoreRun.objects.exclude(pk=first.pk).get()
    assert abandoned.status == ScoreRun.Status.RUNNING, "its row was committed before the work began"
    assert not LSOAScore.objects.filter(run=abandoned).exists(), "its scores were rolled back"

    # The next run of the scope marks the abandoned one failed and takes over as current.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED)
    with _worker(queue):
        rerun = _wait_until_finished(job_rerun(job=Job.objects.get(pk=job.pk), actor=None))
    assert rerun.status == Job.Status.SUCCEEDED, rerun.message
    assert ScoreRun.objects.get(pk=abandoned.pk).status == ScoreRun.Status.FAILED
    assert ScoreRun.objects.current().get().pk == rerun.result["runs"][0]
