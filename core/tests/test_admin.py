"""Audit events are read-only in the admin (issue 6 item 15): viewable, never added, changed or deleted."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(cast: Any) -> Any:
    # The strongest account: if even a superuser cannot write, nobody can.
    cast.ada.is_staff = True
    cast.ada.is_superuser = True
    cast.ada.save()
    return cast.ada


@pytest.fixture
def event(cast: Any) -> AuditEvent:
    return AuditEvent.objects.create(actor=cast.olivia, verb="profile.started", target_id="7", data={"n": 1})


def test_it_shows_audit_events_without_an_add_button(client: Any, superuser: Any, event: AuditEvent) -> None:
    client.force_login(superuser)
    page = client.get(reverse("admin:core_auditevent_changelist")).content.decode()
    assert "profile.started" in page
    assert reverse("admin:core_auditevent_add") not in page
    assert 'value="delete_selected"' not in page  # no bulk delete action


def test_it_refuses_to_add_an_audit_event(client: Any, superuser: Any, event: AuditEvent) -> None:
    client.force_login(superuser)
    url = reverse("admin:core_auditevent_add")
    assert client.get(url).status_code == 403
    assert client.post(url, {"verb": "forged", "target_id": "1", "data": "{}"}).status_code == 403
    # Nothing was added; the two refusals were themselves audited (issue 14).
    assert list(AuditEvent.objects.exclude(verb=AuditEvent.Verb.ACCESS_DENIED).values_list("verb", flat=True)) == [
        "profile.started"
    ]
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.ACCESS_DENIED, actor=superuser).count() == 2


def test_it_shows_an_audit_event_read_only(client: Any, superuser: Any, event: AuditEvent) -> None:
    client.force_login(superuser)
    url = reverse("admin:core_auditevent_change", args=[event.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "profile.started" in page
    assert 'name="verb"' not in page  # shown as text, not in a box
    assert 'name="_save"' not in page
    client.post(url, {"verb": "forged", "target_id": "1", "data": "{}", "at_0": "2020-01-01", "at_1": "00:00"})
    event.refresh_from_db()
    assert event.verb == "profile.started"


def test_it_refuses_to_delete_an_audit_event(client: Any, superuser: Any, event: AuditEvent) -> None:
    client.force_login(superuser)
    url = reverse("admin:core_auditevent_delete", args=[event.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    bulk = client.post(
        reverse("admin:core_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert bulk.status_code in {200, 302}
    assert AuditEvent.objects.filter(pk=event.pk).exists()
