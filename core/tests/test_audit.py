"""Audit verbs are an enum (issue 7 §6): a free string is refused, a member is stored with its label."""

from __future__ import annotations

from typing import Any

import pytest

from core.audit import audit_record
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_free_string_verb_is_refused(cast: Any) -> None:
    with pytest.raises(TypeError, match="AuditEvent.Verb"):
        audit_record(actor=cast.sam, verb="profile.started", target=cast.ashfield)  # type: ignore[arg-type]
    assert not AuditEvent.objects.exists()


def test_a_verb_member_is_recorded_with_its_label(cast: Any) -> None:
    event = audit_record(actor=cast.sam, verb=AuditEvent.Verb.NEIGHBOURHOOD_LSOAS_SET, target=cast.ashfield)
    event.refresh_from_db()
    assert event.verb == "neighbourhood.lsoas_set"
    assert event.get_verb_display() == "Neighbourhood LSOAs set"
    assert event.actor == cast.sam


def test_an_anonymous_actor_is_recorded_as_nobody(cast: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    event = audit_record(actor=AnonymousUser(), verb=AuditEvent.Verb.PROFILE_STARTED)
    assert event.actor is None
