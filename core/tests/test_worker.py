"""A real Celery worker, consuming from the real Redis broker, runs Jobs queued through core.jobs.job_start.

The worker runs in a thread of the test process (celery.contrib.testing), so it opens its own database
connection; hence ``transaction=True``: the Job must be committed before the worker can see it. Each test
uses a queue of its own, so that workers of other test runs sharing the Redis database cannot take its task.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from core.jobs import job_start
from core.models import Job
from geography.models import Neighbourhood
from npt.celery import app

pytestmark = pytest.mark.worker

NEIGHBOURHOODS = "police/police_leicestershire_neighbourhoods.json"
JOB_TIMEOUT = 120  # seconds; the real file imports in well under a second


@pytest.fixture
def queue() -> Iterator[str]:
    """Send core.run_job to a fresh queue on the real broker, and not eagerly."""
    name = f"npt-test-{uuid.uuid4().hex[:12]}"
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_routes")}
    app.conf.update(task_always_eager=False, task_routes={"core.run_job": {"queue": name}})
    app.amqp.flush_routes()
    yield name
    app.conf.update(saved)
    app.amqp.flush_routes()
    with app.connection_for_write() as connection:
        connection.default_channel.queue_delete(name)


def _worker(queue: str) -> Any:
    # perform_ping_check would need celery's own test tasks registered; waiting for the Job is the check.
    return start_worker(app, pool="solo", concurrency=1, queues=[queue], perform_ping_check=False, shutdown_timeout=30)


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

    # With no worker yet the message waits in Redis: nothing ran in this process.
    time.sleep(0.5)
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert not Neighbourhood.objects.exists()

    with _worker(queue):
        job = _wait_until_finished(job)

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
