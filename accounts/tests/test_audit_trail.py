"""Issue 14, audit: administrators read the trail per user and per record; refused requests are audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.audit import audit_record
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_refused_request_is_an_audit_event(cast: Any, client: Any) -> None:
    client.force_login(cast.olivia)
    assert client.get(reverse("audit-trail")).status_code == 403
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.ACCESS_DENIED)
    assert (event.actor, event.data) == (cast.olivia, {"method": "GET", "path": reverse("audit-trail")})


def test_a_refused_api_call_is_audited_too(cast: Any, client: Any) -> None:
    client.force_login(cast.nobody)
    assert client.get(reverse("api-crime:record-list")).status_code == 403
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.ACCESS_DENIED, actor=cast.nobody).count() == 1


def test_an_allowed_request_is_not(cast: Any, client: Any) -> None:
    client.force_login(cast.olivia)
    assert client.get(reverse("home")).status_code == 200
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.ACCESS_DENIED).exists()


@pytest.fixture
def trail(cast: Any) -> dict[str, AuditEvent]:
    return {
        "olivia_ashfield": audit_record(actor=cast.olivia, verb=AuditEvent.Verb.PROFILE_STARTED, target=cast.ashfield),
        "sam_ashfield": audit_record(actor=cast.sam, verb=AuditEvent.Verb.PLAN_APPROVED, target=cast.ashfield),
        "olivia_brookside": audit_record(
            actor=cast.olivia, verb=AuditEvent.Verb.EVENT_RECORDED, target=cast.brookside, data={"note": "<b>x</b>"}
        ),
    }


def _shown(response: Any) -> list[int]:
    return [event.pk for event in response.context["page"].object_list]


def test_an_administrator_reads_the_trail_per_user_and_per_record(cast: Any, client: Any, trail: Any) -> None:
    client.force_login(cast.ada)
    url = reverse("audit-trail")
    everything = client.get(url)
    assert everything.status_code == 200
    assert set(_shown(everything)) == {e.pk for e in trail.values()}
    assert "&lt;b&gt;x&lt;/b&gt;" in everything.content.decode()  # data shown as text
    by_olivia = client.get(url, {"actor": cast.olivia.pk})
    assert set(_shown(by_olivia)) == {trail["olivia_ashfield"].pk, trail["olivia_brookside"].pk}
    neighbourhood = ContentType.objects.get_for_model(cast.ashfield)
    ashfield = client.get(url, {"record_type": neighbourhood.pk, "record_id": cast.ashfield.pk})
    assert set(_shown(ashfield)) == {trail["olivia_ashfield"].pk, trail["sam_ashfield"].pk}
    # The row links lead to the same filters.
    page = ashfield.content.decode()
    assert f"?actor={cast.sam.pk}" in page
    assert f"?record_type={neighbourhood.pk}&amp;record_id={cast.ashfield.pk}" in page


def test_bad_filters_are_a_400_naming_the_field(cast: Any, client: Any, trail: Any) -> None:
    client.force_login(cast.ada)
    url = reverse("audit-trail")
    for query in ({"actor": "abc"}, {"record_id": "7"}, {"record_type": "999999"}, {"record_id": "\x00"}):
        response = client.get(url, query)
        assert response.status_code == 400, query
        assert "govuk-error-summary" in response.content.decode()
    assert client.get(url, {"page": "zzz"}).status_code == 200


def test_the_trail_cannot_be_written_through_the_app(cast: Any, client: Any, trail: Any) -> None:
    client.force_login(cast.ada)
    before = AuditEvent.objects.count()
    assert client.post(reverse("audit-trail"), {"verb": "forged"}).status_code == 405
    client.get(reverse("audit-trail"))
    assert AuditEvent.objects.count() == before  # reading writes nothing
