"""Mail is queued on commit only: a rolled-back write sends nothing; the review link reaches the sergeant."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from queries.links import review_path
from queries.models import Query, QueryReply
from queries.services import query_reply
from queries.tests.conftest import submit


def test_the_confirmation_is_sent_only_after_commit(
    cast: Any, named: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        query = submit(cast)
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert mail.outbox == []
    callbacks[0]()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["rita@example.com"]
    assert query.reference in sent.body
    assert review_path(query) in sent.body
    assert "999" in sent.body


def _submit_then_fail(cast: Any) -> None:
    with transaction.atomic():
        submit(cast)
        raise RuntimeError("boom")


def test_a_rolled_back_submission_sends_nothing(cast: Any, named: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            _submit_then_fail(cast)
    assert callbacks == []
    assert mail.outbox == []
    assert not Query.objects.exists()


def test_no_confirmation_without_an_email_address(
    cast: Any, named: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submit(cast, reply_by=Query.ReplyBy.PHONE, sender_email="", sender_phone="01632 960 001")
    assert callbacks == []
    assert mail.outbox == []


def test_a_reply_is_emailed_and_recorded(cast: Any, named: Any, django_capture_on_commit_callbacks: Any) -> None:
    query = submit(cast)
    with django_capture_on_commit_callbacks(execute=True):
        reply = query_reply(
            query=query, message="We will patrol there.", channel=QueryReply.Channel.EMAIL, actor=cast.olivia
        )
    assert [m.to for m in mail.outbox] == [["rita@example.com"]]
    assert "We will patrol there." in mail.outbox[0].body
    reply.refresh_from_db()
    assert reply.emailed_at is not None


def test_the_review_link_records_the_request_and_tells_the_sergeant(
    client: Any, cast: Any, named: Any, django_capture_on_commit_callbacks: Any
) -> None:
    query = submit(cast)
    url = review_path(query)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Nobody replied."})
    assert response.status_code == 200
    query.refresh_from_db()
    assert query.review_requested_at is not None
    assert query.review_reason == "Nobody replied."
    assert query.escalated_to == cast.sam
    assert [m.to for m in mail.outbox] == [["sam@testshire.example"]]
    assert "rita@example.com" not in mail.outbox[0].body  # the sergeant's mail carries no sender details
    assert reverse("queries:detail", args=[query.pk]) in mail.outbox[0].body
    # Asking twice records nothing new.
    client.post(url, {"reason": "Again"})
    query.refresh_from_db()
    assert query.review_reason == "Nobody replied."
