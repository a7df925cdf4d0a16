"""Issue 9: the engagement plan's gap check (guide 1062–1066): a profile group with no engagement done in the last
N months and none planned is a gap."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tiers import Tier
from engagement.plan import gap_check
from priorities.tests.factories import EventFactory
from profiles.services import profile_ensure
from profiles.tests.factories import CommunityGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    now = timezone.now()
    reached = CommunityGroupFactory(profile=profile, name="Reached group")
    planned = CommunityGroupFactory(profile=profile, name="Planned group")
    stale = CommunityGroupFactory(profile=profile, name="Stale group")
    never = CommunityGroupFactory(profile=profile, name="Never engaged group")
    CommunityGroupFactory(profile=profile, name="Not to engage", to_engage=False)
    EventFactory(neighbourhood=cast.ashfield, starts_at=now - dt.timedelta(days=60)).groups_reached.add(reached)
    EventFactory(neighbourhood=cast.ashfield, starts_at=now + dt.timedelta(days=30)).audience_groups.add(planned)
    EventFactory(neighbourhood=cast.ashfield, starts_at=now - dt.timedelta(days=500)).audience_groups.add(stale)
    return {"reached": reached, "planned": planned, "stale": stale, "never": never}


def test_gaps_are_the_groups_with_nothing_done_or_planned(cast, scene, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        rows = gap_check(neighbourhood=cast.ashfield, tier=Tier.POLICE, months=12)
    gaps = {row.group.name for row in rows if row.is_gap}
    assert gaps == {"Stale group", "Never engaged group"}
    assert "Not to engage" not in {row.group.name for row in rows}
    # A longer window counts the old event.
    gaps = {row.group.name for row in gap_check(neighbourhood=cast.ashfield, tier=Tier.POLICE, months=24) if row.is_gap}
    assert gaps == {"Never engaged group"}


def test_the_plan_page_lists_the_gaps_and_refuses_bad_months(cast, client, scene):
    client.force_login(cast.olivia)
    page = client.get(reverse("engagement:plan", args=[cast.ashfield.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "2 groups with no engagement done or planned" in body
    assert "Never engaged group" in body
    for bad in ("x", "0", "999", "1e3"):
        assert client.get(reverse("engagement:plan", args=[cast.ashfield.pk]), {"months": bad}).status_code == 400


def test_a_partner_sees_no_police_only_group(cast, client, scene):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=None)
    CommunityGroupFactory(profile=profile, name="POLICE-ONLY-GROUP", tier=Tier.POLICE)
    client.force_login(cast.pat)
    body = client.get(reverse("engagement:plan", args=[cast.ashfield.pk])).content.decode()
    assert "Never engaged group" in body
    assert "POLICE-ONLY-GROUP" not in body
