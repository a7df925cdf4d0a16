import threading

import pytest
from django.db import connections, transaction

from core.models import Job

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_shows_progress_published_inside_an_open_transaction():
    job = Job.objects.create(kind="import_imd", status=Job.Status.RUNNING)
    seen = {}

    def poll_from_another_connection():
        # What the job page sees: a fresh read on its own connection while the import's transaction is open.
        seen["progress"] = Job.objects.get(pk=job.pk).with_live_progress().progress
        connections.close_all()

    with transaction.atomic():
        job.report_progress(40, "13,000 of 32,844")
        poller = threading.Thread(target=poll_from_another_connection)
        poller.start()
        poller.join()
    assert seen["progress"] == 40


def test_it_ignores_stale_live_progress_once_finished():
    job = Job.objects.create(kind="import_imd", status=Job.Status.RUNNING)
    job.report_progress(40, "halfway")
    job.succeed({"read": 1})
    assert Job.objects.get(pk=job.pk).with_live_progress().progress == 100
