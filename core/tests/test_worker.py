"""A real Celery worker, consuming from the real Redis broker, runs Jobs queued through core.jobs.job_start.

Most tests run the worker in a thread of the test process (celery.contrib.testing); the kill test starts real
``celery -A npt worker`` processes on the test database and SIGKILLs one mid-job. Workers open their own
database connections; hence ``transaction=True``: the Job must be committed before a worker can see it. Each
test uses a queue of its own, so that workers of other test runs sharing the Redis database cannot take its task.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from core.jobs import job_rerun, job_start
from core.models import Job
from geography.models import LSOA, Neighbourhood, NeighbourhoodLSOA
from npt.celery import app

pytestmark = pytest.mark.worker

NEIGHBOURHOODS = "police/police_leicestershire_neighbourhoods.json"
JOB_TIMEOUT = 120  # seconds; the real file imports in well under a second


@pytest.fixture
def queue() -> Iterator[str]:
    """Send every job kind's task (jobs.*) to a fresh queue on the real broker, and not eagerly."""
    name = f"npt-test-{uuid.uuid4().hex[:12]}"
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_routes")}
    app.conf.update(task_always_eager=False, task_routes={"jobs.*": {"queue": name}})
    app.amqp.flush_routes()
    yield name
    app.conf.update(saved)
    app.amqp.flush_routes()
    with app.connection_for_write() as connection:
        connection.default_channel.queue_delete(name)


def _worker(queue: str) -> Any:
    # perform_ping_check would need celery's own test tasks registered; waiting for the Job is the check.
    return start_worker(app, pool="solo", concurrency=1, queues=[queue], perform_ping_check=False, shutdown_timeout=30)


def _waiting(queue: str) -> int:
    """How many messages wait in QUEUE on the broker."""
    with app.connection_for_write() as connection:
        return int(connection.default_channel.queue_declare(queue=queue).message_count)


def _wait_for(find: Callable[[], Any], what: str, timeout: float = JOB_TIMEOUT) -> Any:
    """Poll FIND until it returns something truthy, or fail after TIMEOUT seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")


def _wait_until_finished(job: Job) -> Job:
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.1)
    pytest.fail(f"{job} did not finish within {JOB_TIMEOUT}s (status {job.status}, message {job.message!r})")


def test_it_uses_the_redis_broker_from_the_settings() -> None:
    assert settings.REDIS_URL.startswith("redis://")
    assert app.conf.broker_url == settings.REDIS_URL


@pytest.mark.django_db(transaction=True)
def test_it_runs_a_queued_import_on_a_real_worker(shared_data: Path, queue: str) -> None:
    path = shared_data / NEIGHBOURHOODS
    entries = json.loads(path.read_text(encoding="utf-8"))
    job = job_start(kind="import_police_neighbourhoods", params={"paths": [str(path)], "force_slug": "leicestershire"})

    # With no worker yet the message waits in Redis (sent on commit, before job_start returned): nothing ran.
    assert _waiting(queue) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert not Neighbourhood.objects.exists()

    with _worker(queue):
        job = _wait_until_finished(job)
        # Its follow-ups ran on the worker too, each as its own job: relink crimes, then refresh profiles.
        relink = _wait_until_finished(
            _wait_for(lambda: job.follow_ups.filter(kind="crime.relink").first(), "the relink follow-up")
        )
        refresh = _wait_until_finished(_wait_for(lambda: relink.follow_ups.first(), "the refresh follow-up"))
    assert _waiting(queue) == 0
    assert (relink.kind, relink.origin, relink.status) == ("crime.relink", "follow_up", Job.Status.SUCCEEDED)
    assert (refresh.kind, refresh.origin, refresh.status) == ("profiles.refresh", "follow_up", Job.Status.SUCCEEDED)

    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.progress == 100
    assert job.started_at is not None
    assert job.finished_at is not None
    # The import report (core.imports.ImportReport.as_dict) accounts for every entry of the file.
    assert job.result["read"] == len(entries)
    assert job.result["imported"] == len(entries)
    imported = Neighbourhood.objects.filter(force__slug="leicestershire")
    assert sorted(imported.values_list("code", flat=True)) == sorted(entry["id"] for entry in entries)


@pytest.mark.django_db(transaction=True)
def test_it_records_a_clear_failure_for_a_bad_file_on_the_worker(shared_data: Path, queue: str, tmp_path: Path) -> None:
    # A real response cut off half way, as an interrupted download would leave it.
    text = (shared_data / NEIGHBOURHOODS).read_text(encoding="utf-8")
    bad = tmp_path / "police_leicestershire_neighbourhoods_truncated.json"
    bad.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as decoding:
        json.loads(bad.read_text(encoding="utf-8"))
    job = job_start(kind="import_police_neighbourhoods", params={"paths": [str(bad)], "force_slug": "leicestershire"})

    with _worker(queue):
        job = _wait_until_finished(job)

    assert job.status == Job.Status.FAILED
    assert bad.name in job.message
    assert f"line {decoding.value.lineno}" in job.message
    assert "Traceback" not in job.message
    assert not Neighbourhood.objects.exists(), "a failed file leaves nothing behind"


# -- A worker killed mid-job ---------------------------------------------------------------------------------------

WY_LSOAS = "boundaries/west_yorkshire_lsoa11_bsc_v3.geojson"


def _features(path: Path) -> int:
    return len(json.loads(path.read_text(encoding="utf-8"))["features"])


@pytest.fixture
def cli_workers(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start real `celery -A npt worker` processes on the test database; each is killed at the end."""
    started: list[subprocess.Popen[bytes]] = []
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    where = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    database_url = f"postgis://{db['USER']}{password}@{where}/{db['NAME']}"

    def start(queue: str, **env: str) -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(started)}.log").open("wb")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "npt",
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "-n",
                f"{queue}-{len(started)}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
            cwd=settings.BASE_DIR,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "npt.settings.test",
                "DATABASE_URL": database_url,
                "REDIS_URL": settings.REDIS_URL,
                **env,
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _backend_waiting_on(table: str) -> int | None:
    """The pid of the database backend blocked on a lock while querying TABLE, if any."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            "AND query LIKE %s",
            [f"%{table}%"],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _backend_holds_writes_on(pid: int, table: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = %s AND c.relname = %s AND l.mode = 'RowExclusiveLock' AND l.granted",
            [pid, table],
        )
        return bool(cursor.fetchone()[0])


def _backend_gone(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
        return not cursor.fetchone()[0]


@pytest.mark.shared_data
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_leaves_it_failed_with_nothing_written_and_a_rerun_completes(
    shared_data: Path, queue: str, cli_workers: Callable[..., subprocess.Popen[bytes]]
) -> None:
    path = shared_data / WY_LSOAS
    expected = _features(path)
    lsoa_table, membership_table = LSOA._meta.db_table, NeighbourhoodLSOA._meta.db_table

    # Hold the membership table from another connection: the import writes every LSOA in its transaction,
    # then waits here when it re-derives memberships. That is "mid-way", without guessing at timings.
    locker = connections.create_connection(DEFAULT_DB_ALIAS)
    locker.set_autocommit(False)
    with locker.cursor() as cursor:
        cursor.execute(f'LOCK TABLE "{membership_table}" IN ACCESS EXCLUSIVE MODE')
    try:
        worker = cli_workers(queue, NPT_JOB_HEARTBEAT_SECONDS="1")
        job = job_start(kind="import_lsoa_boundaries", params={"path": str(path), "vintage": 2011})
        backend = _wait_for(lambda: _backend_waiting_on(membership_table), "the import to block mid-transaction")
        assert _backend_holds_writes_on(backend, lsoa_table), "the import has written LSOAs, uncommitted"
        job.refresh_from_db()
        assert job.status == Job.Status.RUNNING
        started = job.started_at
        # The worker beats while the work is blocked (its own connection, every second here).
        _wait_for(lambda: Job.objects.get(pk=job.pk).heartbeat_at > started, "a heartbeat", timeout=30)

        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        locker.rollback()
        locker.close()

    # The database rolls back the dead worker's transaction once its backend notices the client is gone.
    _wait_for(lambda: _backend_gone(backend), "the dead worker's database session to end")
    assert not LSOA.objects.exists(), "no partial rows"
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING, "nobody has noticed yet: this is what the sweep is for"

    # A worker starting finds the job silent for longer than NPT_JOB_STALE_SECONDS and fails it.
    _wait_for(
        lambda: (timezone.now() - Job.objects.get(pk=job.pk).heartbeat_at).total_seconds() > 3,
        "the heartbeat to go stale",
    )
    cli_workers(queue, NPT_JOB_STALE_SECONDS="2")
    job = _wait_until_finished(job)
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("Stopped without finishing")
    assert not LSOA.objects.exists()

    # Run again (the Jobs page's button): the same worker completes it, follow-ups included.
    rerun = _wait_until_finished(job_rerun(job=job, actor=None))
    assert rerun.status == Job.Status.SUCCEEDED, rerun.message
    assert rerun.result["imported"] == expected == LSOA.objects.filter(vintage=2011).count()
    relink = _wait_until_finished(
        _wait_for(lambda: rerun.follow_ups.filter(kind="crime.relink").first(), "the relink follow-up")
    )
    refresh = _wait_until_finished(_wait_for(lambda: relink.follow_ups.first(), "the refresh follow-up"))
    assert (relink.status, refresh.status) == (Job.Status.SUCCEEDED, Job.Status.SUCCEEDED)
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED
