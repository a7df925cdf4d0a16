"""Retention: the erasure command removes contact details, keeps the anonymised record and the audit trail."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from core.models import AuditEvent
from queries.models import Query, QueryReply, QueryRetention
from queries.selectors import query_measures
from queries.services import ERASED_TEXT, months_before, queries_due_for_erasure, query_close, query_reply
from queries.tests.conftest import RECEIVED, submit


def _closed(cast: Any, **kw: Any) -> Query:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast, **kw)
        query_reply(query=query, message="Reply to Rita.", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
        query_close(query=query, outcome=Query.Outcome.ANSWERED, actor=cast.olivia)
    query.refresh_from_db()
    return query


def test_months_before_keeps_to_real_dates() -> None:
    assert months_before(dt.datetime(2026, 3, 31, tzinfo=dt.UTC), 1) == dt.datetime(2026, 2, 28, tzinfo=dt.UTC)
    assert months_before(dt.datetime(2026, 3, 2, tzinfo=dt.UTC), 12) == dt.datetime(2025, 3, 2, tzinfo=dt.UTC)


def test_it_is_due_12_months_after_closure_unless_the_force_keeps_it_longer(cast: Any, named: Any) -> None:
    query = _closed(cast)
    assert queries_due_for_erasure(now=RECEIVED + dt.timedelta(days=360)) == []
    assert queries_due_for_erasure(now=RECEIVED + dt.timedelta(days=366)) == [query]
    QueryRetention.objects.create(force=cast.force, months_after_closure=24)
    assert queries_due_for_erasure(now=RECEIVED + dt.timedelta(days=366)) == []


def test_the_erasure_command_removes_contact_details_and_keeps_the_record(cast: Any, named: Any) -> None:
    query = _closed(cast, location_text="12 Ashfield Road")
    open_query = submit(cast, sender_email="keep@example.com")
    with time_machine.travel(RECEIVED + dt.timedelta(days=400), tick=False):
        out = StringIO()
        call_command("erase_query_contacts", stdout=out, stderr=StringIO())
    assert "erased: 1" in out.getvalue()
    query.refresh_from_db()
    assert (query.sender_name, query.sender_email, query.sender_phone, query.location_text) == ("", "", "", "")
    assert query.message == ERASED_TEXT
    assert query.erased_at is not None
    assert list(query.replies.values_list("message", flat=True)) == [ERASED_TEXT]
    # The anonymised record still counts.
    assert (query.topic, query.neighbourhood, query.first_response_at) == ("asb", cast.ashfield, RECEIVED)
    measures = query_measures([cast.ashfield], RECEIVED - dt.timedelta(days=1), RECEIVED + dt.timedelta(days=1))
    assert measures.received == 1
    assert measures.answered_in_time == 1
    # The audit trail is kept, with the erasure added; the history never held the personal data.
    ct = ContentType.objects.get_for_model(Query)
    verbs = set(AuditEvent.objects.filter(target_type=ct, target_id=str(query.pk)).values_list("verb", flat=True))
    assert {"query.received", "query.replied", "query.closed", "query.erased"} <= verbs
    for record in query.history.all():
        assert not hasattr(record, "sender_email")
        assert not hasattr(record, "message")
    open_query.refresh_from_db()
    assert open_query.sender_email == "keep@example.com"


def test_the_due_for_erasure_page_lists_and_erases(client: Any, cast: Any, named: Any) -> None:
    query = _closed(cast)
    with time_machine.travel(RECEIVED + dt.timedelta(days=400), tick=False):
        client.force_login(cast.ian)
        page = client.get(reverse("queries:erasure"))
        assert query.reference in page.content.decode()
        assert client.post(reverse("queries:erasure")).status_code == 302
    query.refresh_from_db()
    assert query.is_erased
