"""Issue 9: the Key Individual Network (reference-anchors §5): members are register contacts flagged KIN, with
consent to be contacted and a preference; a KIN round is recorded as engagement and dates each member's contact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEvent
from engagement.kin_services import kin_round_record
from engagement.models import EngagementEvent, KeyContact, KinContact
from profiles.services import profile_ensure
from profiles.tests.factories import KeyContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kin(cast):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    strategic = KeyContactFactory(
        profile=profile,
        name="KIN-MEMBER-NAME",
        kin_type="strategic",
        consents_to_contact=True,
        preferred_contact="email",
    )
    tactical = KeyContactFactory(profile=profile, name="Tactical member", kin_type="tactical", consents_to_contact=True)
    not_kin = KeyContactFactory(profile=profile, name="Not a KIN member")
    return strategic, tactical, not_kin


def test_a_kin_member_must_have_agreed_to_be_contacted(cast):
    contact = KeyContactFactory.build(
        profile=profile_ensure(neighbourhood=cast.ashfield, by=None), kin_type="strategic", consents_to_contact=False
    )
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert "consents_to_contact" in error.value.message_dict


def test_the_kin_page_lists_members_only_to_police(cast, client, kin):
    client.force_login(cast.olivia)
    page = client.get(reverse("engagement:kin", args=[cast.ashfield.pk])).content.decode()
    assert "KIN-MEMBER-NAME" in page
    assert "Tactical member" in page
    assert "Not a KIN member" not in page
    client.force_login(cast.pat)
    assert client.get(reverse("engagement:kin", args=[cast.ashfield.pk])).status_code == 403


def test_a_round_is_recorded_as_engagement_and_dates_each_member(cast, client, kin):
    strategic, tactical, _ = kin
    client.force_login(cast.olivia)
    data = {
        "kind": "online",
        "title": "Spring KIN survey",
        "on_day": "2",
        "on_month": "3",
        "on_year": "2026",
        "method": "email",
        "members": [strategic.pk, tactical.pk],
    }
    response = client.post(reverse("engagement:kin-round", args=[cast.ashfield.pk]), data)
    assert response.status_code == 302
    event = EngagementEvent.objects.get(title="Spring KIN survey")
    assert (event.neighbourhood, event.attendance, event.kind) == (cast.ashfield, 2, "online")
    assert set(KinContact.objects.filter(event=event).values_list("member_id", flat=True)) == {
        strategic.pk,
        tactical.pk,
    }
    assert KeyContact.objects.get(pk=strategic.pk).last_contacted_on == dt.date(2026, 3, 2)
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.KIN_ROUND_RECORDED).count() == 1

    # An older round never moves the date back.
    kin_round_record(
        neighbourhood=cast.ashfield,
        kind="other",
        title="Old ring-round",
        on=dt.date(2025, 1, 1),
        method="phone",
        members=[strategic],
        actor=cast.olivia,
    )
    assert KeyContact.objects.get(pk=strategic.pk).last_contacted_on == dt.date(2026, 3, 2)


def test_a_round_refuses_non_members_and_bad_input(cast, client, kin):
    _, _, not_kin = kin
    with pytest.raises(ValidationError):
        kin_round_record(
            neighbourhood=cast.ashfield,
            kind="other",
            title="x",
            on=dt.date(2026, 1, 1),
            method="phone",
            members=[not_kin],
            actor=cast.olivia,
        )
    client.force_login(cast.olivia)
    response = client.post(
        reverse("engagement:kin-round", args=[cast.ashfield.pk]), {"members": ["1'x"], "on_day": "99"}
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not KinContact.objects.exists()
