"""Issue 9: the KIN API (police only, scoped, personal fields only at their tier) and the engagement plan API,
the DRF way: has_perm for the request and the object, 404 outside scope, paging, filters and their 400s."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tiers import Tier
from engagement.models import CommunityGroup
from priorities.tests.factories import ActivePriorityFactory, EventFactory
from profiles.services import profile_ensure
from profiles.tests.factories import KeyContactFactory

pytestmark = pytest.mark.django_db

KIN = reverse("api-engagement:kin-list")


@pytest.fixture
def members(cast):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=None)
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    tactical = KeyContactFactory(
        profile=profile, name="TACTICAL-NAME", phone="0113 496 0000", kin_type="tactical", consents_to_contact=True
    )
    tactical.kin_priority = priority
    tactical.save()
    strategic = KeyContactFactory(
        profile=profile, name="STRATEGIC-NAME", kin_type="strategic", consents_to_contact=True
    )
    KeyContactFactory(profile=profile, name="NOT-KIN")
    elsewhere = KeyContactFactory(
        profile=profile_ensure(neighbourhood=cast.elsewhere, by=None),
        name="ELSEWHERE",
        kin_type="strategic",
        consents_to_contact=True,
    )
    return priority, tactical, strategic, elsewhere


def test_police_read_the_kin_in_their_scope_with_personal_fields(cast, client, members):
    priority, tactical, strategic, elsewhere = members
    client.force_login(cast.olivia)
    body = client.get(KIN).json()
    assert body["count"] == 2
    by_id = {row["id"]: row for row in body["results"]}
    assert set(by_id) == {tactical.pk, strategic.pk}  # not the non-member, not the other force's
    assert by_id[tactical.pk]["priority"] == priority.pk
    assert by_id[tactical.pk]["name"] == "TACTICAL-NAME"
    assert by_id[tactical.pk]["phone"] == "0113 496 0000"
    assert "notes" not in by_id[tactical.pk]
    assert client.get(reverse("api-engagement:kin-detail", args=[elsewhere.pk])).status_code == 404


def test_partners_and_the_unscoped_never_read_the_kin(cast, client, members):
    client.force_login(cast.pat)
    assert client.get(KIN).status_code == 403
    assert client.get(reverse("api-engagement:kin-detail", args=[members[1].pk])).status_code == 403
    client.logout()
    assert client.get(KIN).status_code == 403


def test_the_kin_filters_and_their_400s(cast, client, members):
    priority, tactical, strategic, _ = members
    client.force_login(cast.olivia)
    assert [r["id"] for r in client.get(KIN, {"kin_type": "tactical"}).json()["results"]] == [tactical.pk]
    assert [r["id"] for r in client.get(KIN, {"priority": priority.pk}).json()["results"]] == [tactical.pk]
    assert client.get(KIN, {"neighbourhood": cast.brookside.pk}).json()["count"] == 0
    for bad in ({"kin_type": "secret"}, {"priority": "abc"}, {"neighbourhood": "0"}):
        response = client.get(KIN, bad)
        assert response.status_code == 400
        assert next(iter(bad)) in response.json()


def test_the_kin_is_paginated(cast, client, members):
    client.force_login(cast.olivia)
    page = client.get(KIN, {"limit": 1}).json()
    assert page["count"] == 2
    assert len(page["results"]) == 1
    assert page["next"]


def test_the_plan_api_flags_gaps_and_validates_months(cast, client):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=None)
    reached = CommunityGroup.objects.create(profile=profile, kind="hard_to_reach", name="Young people in Ashfield")
    CommunityGroup.objects.create(profile=profile, kind="new_emerging", name="Polish community")
    CommunityGroup.objects.create(profile=profile, kind="vulnerable", name="POLICE-ONLY GROUP", tier=Tier.POLICE)
    held = EventFactory(neighbourhood=cast.ashfield, starts_at=timezone.now() - dt.timedelta(days=20))
    held.audience_groups.add(reached)
    url = reverse("api-engagement:plan-detail", args=[cast.ashfield.pk])

    client.force_login(cast.pat)
    body = client.get(url).json()
    assert body["gaps"] == 1
    assert {(g["name"], g["is_gap"]) for g in body["groups"]} == {
        ("Polish community", True),
        ("Young people in Ashfield", False),
    }  # the police-only group is not named to a partner
    client.force_login(cast.olivia)
    assert client.get(url).json()["gaps"] == 2
    assert client.get(url, {"months": "0"}).status_code == 400
    assert "months" in client.get(url, {"months": "x"}).json()
    assert client.get(reverse("api-engagement:plan-detail", args=[cast.elsewhere.pk])).status_code == 404
