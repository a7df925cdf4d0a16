"""Issue 9: an event's audience (the profile's groups it is aimed at) and, once held, the groups it reached."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.tiers import Tier
from engagement.event_services import event_update
from priorities.tests.factories import EventFactory
from profiles.services import profile_ensure
from profiles.tests.factories import CommunityGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(cast):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    return {
        "students": CommunityGroupFactory(profile=profile, name="Student households", tier=Tier.PARTNER),
        "traveller": CommunityGroupFactory(profile=profile, name="POLICE-ONLY-GROUP", tier=Tier.POLICE),
    }


def _form(event_kind="pact", **extra):
    data = {
        "version": "0",
        "kind": event_kind,
        "title": "Spring PACT meeting",
        "date_day": "1",
        "date_month": "4",
        "date_year": "2026",
        "start_time": "18:30",
        "tier": str(Tier.PUBLIC),
    }
    data.update(extra)
    return data


def test_an_officer_records_the_groups_targeted_and_reached(cast, client, groups):
    client.force_login(cast.olivia)
    data = _form(
        audience_groups=[groups["students"].pk, groups["traveller"].pk], groups_reached=[groups["students"].pk]
    )
    response = client.post(reverse("events:create", args=[cast.ashfield.pk]), data)
    assert response.status_code == 302
    event = cast.ashfield.engagement_events.get()
    assert set(event.audience_groups.all()) == {groups["students"], groups["traveller"]}
    assert list(event.groups_reached.all()) == [groups["students"]]
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Student households" in page
    assert "POLICE-ONLY-GROUP" in page


def test_a_partner_is_not_told_the_police_only_groups(cast, client, groups):
    event = EventFactory(neighbourhood=cast.ashfield, tier=Tier.PARTNER)
    event.audience_groups.set(groups.values())
    client.force_login(cast.pat)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Student households" in page
    assert "POLICE-ONLY-GROUP" not in page


def test_a_group_of_another_neighbourhood_is_refused(cast, client, groups):
    other = CommunityGroupFactory(profile=profile_ensure(neighbourhood=cast.brookside, by=None), name="Elsewhere")
    client.force_login(cast.olivia)
    response = client.post(reverse("events:create", args=[cast.ashfield.pk]), _form(audience_groups=[other.pk]))
    assert response.status_code == 400
    assert "audience_groups" in response.content.decode()
    event = EventFactory(neighbourhood=cast.ashfield)
    with pytest.raises(ValidationError):
        event_update(event=event, values={}, audience=[other], loaded_version=event.version, actor=cast.olivia)
    assert not event.audience_groups.exists()


def test_a_malformed_group_id_is_a_form_error_not_a_500(cast, client, groups):
    client.force_login(cast.olivia)
    response = client.post(reverse("events:create", args=[cast.ashfield.pk]), _form(groups_reached=["x'; --"]))
    assert response.status_code == 400
