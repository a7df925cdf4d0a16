"""The 72-hour clock: deadline, overdue, what stops it, and the escalation to the sergeant (time-machine)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.contrib.contenttypes.models import ContentType

from core.models import AuditEvent, Job
from queries.models import Query, QueryReply
from queries.services import queries_escalate_overdue, query_acknowledge, query_reply
from queries.tasks import escalate_overdue
from queries.tests.conftest import RECEIVED, submit

H = dt.timedelta(hours=1)


def _verbs(query: Query) -> list[str]:
    ct = ContentType.objects.get_for_model(Query)
    return list(
        AuditEvent.objects.filter(target_type=ct, target_id=str(query.pk)).order_by("at").values_list("verb", flat=True)
    )


def test_it_sets_the_deadline_72_hours_after_receipt_and_marks_it_overdue_after(cast: Any, named: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast)
    query.refresh_from_db()
    assert query.due_at == RECEIVED + 72 * H
    assert query.assigned_to == cast.olivia  # the named officer's queue
    assert not query.is_overdue(RECEIVED + 71 * H)
    assert query.time_left(RECEIVED + 71 * H) == H
    assert query.is_overdue(RECEIVED + 72 * H + dt.timedelta(seconds=1))
    assert list(Query.objects.overdue(RECEIVED + 73 * H)) == [query]
    assert list(Query.objects.overdue(RECEIVED + 71 * H)) == []


def test_an_acknowledgement_does_not_stop_the_clock(cast: Any, named: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast)
    with time_machine.travel(RECEIVED + 2 * H, tick=False):
        query_acknowledge(query=query, actor=cast.olivia)
    query.refresh_from_db()
    assert query.status == Query.Status.ACKNOWLEDGED
    assert query.first_response_at is None
    assert query.is_overdue(RECEIVED + 73 * H)
    assert list(Query.objects.overdue(RECEIVED + 73 * H)) == [query]


def test_a_meaningful_response_stops_the_clock(cast: Any, named: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast)
    with time_machine.travel(RECEIVED + 30 * H, tick=False):
        query_reply(query=query, message="We will patrol there.", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    query.refresh_from_db()
    assert query.first_response_at == RECEIVED + 30 * H
    assert query.status == Query.Status.ANSWERED
    assert query.time_left(RECEIVED + 100 * H) is None
    assert not query.is_overdue(RECEIVED + 100 * H)
    assert query.answered_in_time() is True
    assert list(Query.objects.overdue(RECEIVED + 100 * H)) == []
    # A second reply does not move the first response.
    with time_machine.travel(RECEIVED + 80 * H, tick=False):
        query_reply(query=query, message="Update.", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    query.refresh_from_db()
    assert query.first_response_at == RECEIVED + 30 * H


def test_a_late_reply_is_recorded_as_late(cast: Any, named: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast)
    with time_machine.travel(RECEIVED + 73 * H, tick=False):
        query_reply(query=query, message="Sorry for the wait.", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    query.refresh_from_db()
    assert query.answered_in_time() is False


def test_it_escalates_to_the_sergeant_at_72_hours_once(cast: Any, named: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast)
        answered = submit(cast, message="Another one")
    with time_machine.travel(RECEIVED + 1 * H, tick=False):
        query_acknowledge(query=query, actor=cast.olivia)
        query_reply(query=answered, message="Done.", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    assert queries_escalate_overdue(now=RECEIVED + 71 * H) == []
    assert queries_escalate_overdue(now=RECEIVED + 72 * H + dt.timedelta(minutes=1)) == [query.pk]
    query.refresh_from_db()
    assert query.escalated_to == cast.sam
    assert query.escalated_at == RECEIVED + 72 * H + dt.timedelta(minutes=1)
    assert "query.escalated" in _verbs(query)
    assert queries_escalate_overdue(now=RECEIVED + 80 * H) == []  # recorded once


def test_the_beat_task_runs_the_escalation_as_a_job(
    cast: Any, named: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast)
    with time_machine.travel(RECEIVED + 75 * H, tick=False), django_capture_on_commit_callbacks(execute=True):
        job_id = escalate_overdue()
    job = Job.objects.get(pk=job_id)
    assert job.kind == "queries.escalate"
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"escalated": 1}
    query.refresh_from_db()
    assert query.escalated_to == cast.sam
