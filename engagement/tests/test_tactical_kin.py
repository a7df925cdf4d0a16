"""Issue 9: a tactical KIN links to one priority; when it closes the app prompts to thank and disband it, with an
option to move members into the strategic KIN (guide 8525–8536). Police only: it names people."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from core.models import AuditEvent
from engagement.models import KeyContact
from priorities import services
from priorities.tests.factories import ActivePriorityFactory
from profiles.services import profile_ensure
from profiles.tests.factories import KeyContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    members = [
        KeyContactFactory(
            profile=profile, name=f"TACTICAL-NAME-{n}", role="Resident", kin_type="tactical", consents_to_contact=True
        )
        for n in (1, 2)
    ]
    strategic = KeyContactFactory(profile=profile, name="STRATEGIC", kin_type="strategic", consents_to_contact=True)
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield, title="Motorbikes on Mill Lane field at night")
    return priority, members, strategic


def _link(client, cast, priority, members):
    return client.post(
        reverse("engagement:kin-link", args=[cast.ashfield.pk]),
        {"priority": priority.pk, "members": [m.pk for m in members]},
    )


def test_an_officer_links_tactical_members_and_the_priority_page_shows_them_to_police(cast, client, scene):
    priority, members, strategic = scene
    client.force_login(cast.olivia)
    assert _link(client, cast, priority, members).status_code == 302
    assert set(priority.tactical_kin.values_list("pk", flat=True)) == {m.pk for m in members}
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.KIN_LINKED).count() == 1
    page = client.get(reverse("priorities:detail", args=[priority.pk])).content.decode()
    assert "TACTICAL-NAME-1" in page
    assert "TACTICAL-NAME-2" in page

    client.force_login(cast.pat)  # a partner may read the public priority, never the KIN on it
    page = client.get(reverse("priorities:detail", args=[priority.pk]))
    assert page.status_code == 200
    assert "TACTICAL-NAME" not in page.content.decode()
    assert "Tactical KIN" not in page.content.decode()


def test_only_tactical_members_link_and_the_database_refuses_the_rest(cast, client, scene):
    priority, _, strategic = scene
    client.force_login(cast.olivia)
    response = _link(client, cast, priority, [strategic])
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert KeyContact.objects.get(pk=strategic.pk).kin_priority is None
    with pytest.raises(IntegrityError):
        KeyContact.objects.filter(pk=strategic.pk).update(kin_priority=priority)


def test_closing_the_priority_prompts_to_disband_and_members_can_move_to_strategic(cast, client, scene):
    priority, (keep, leave), _ = scene
    client.force_login(cast.olivia)
    _link(client, cast, priority, [keep, leave])
    kin_url = reverse("engagement:kin", args=[cast.ashfield.pk])
    assert "Thank its tactical KIN members and disband it" not in client.get(kin_url).content.decode()

    priority.refresh_from_db()
    services.priority_close(
        priority=priority,
        status="resolved",
        justification="No bikes for six weeks",
        decided_by="forum",
        raisers_satisfied="yes",
        loaded_version=priority.version,
        actor=cast.olivia,
    )
    assert "Thank its tactical KIN members and disband it" in client.get(kin_url).content.decode()
    detail = client.get(reverse("priorities:detail", args=[priority.pk])).content.decode()
    assert "thank its tactical KIN and disband it" in detail

    response = client.post(
        reverse("engagement:kin-disband", args=[cast.ashfield.pk, priority.pk]), {"keep_as_strategic": [keep.pk]}
    )
    assert response.status_code == 302
    keep.refresh_from_db()
    leave.refresh_from_db()
    assert (keep.kin_type, keep.kin_priority) == ("strategic", None)
    assert (leave.kin_type, leave.kin_priority) == ("", None)
    assert leave.pk in KeyContact.objects.values_list("pk", flat=True)  # stays in the register
    assert "Thank its tactical KIN members and disband it" not in client.get(kin_url).content.decode()
    assert keep.history.first().history_change_reason == "Moved to the strategic KIN"


def test_an_open_priority_is_not_disbanded(cast, client, scene):
    priority, members, _ = scene
    client.force_login(cast.olivia)
    _link(client, cast, priority, members)
    client.post(reverse("engagement:kin-disband", args=[cast.ashfield.pk, priority.pk]), {})
    assert priority.tactical_kin.count() == 2


def test_partners_cannot_link_or_disband(cast, client, scene):
    priority, members, _ = scene
    client.force_login(cast.pat)
    assert _link(client, cast, priority, members).status_code == 403
    assert not priority.tactical_kin.exists()
