"""The demo engagement loader (issue 9): it loads a scene through the services, and a second run changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.tiers import Tier
from demo.engagement import load_engagement_demo
from demo.writer import SyncStats
from engagement.models import CommunityGroup, Concern, EngagementEvent, KeyContact, KinContact
from engagement.plan import gap_check
from priorities.models import Priority

pytestmark = pytest.mark.django_db


def test_it_loads_events_concerns_priorities_kin_and_groups_once(cast):
    today = timezone.localdate()
    load_engagement_demo(officer=cast.olivia, neighbourhoods=[cast.ashfield], as_at=today, stats=SyncStats())
    counts = (
        EngagementEvent.objects.count(),
        Concern.objects.count(),
        Priority.objects.filter(status=Priority.Status.ACTIVE).count(),
        KeyContact.objects.kin().count(),
        KinContact.objects.count(),
        CommunityGroup.objects.count(),
    )
    assert counts == (3, 3, 2, 3, 3, 4)  # two events and the KIN round; the round reached the three members
    assert all(p.updates.exists() for p in Priority.objects.all())
    gaps = [row.group.name for row in gap_check(neighbourhood=cast.ashfield, tier=Tier.POLICE) if row.is_gap]
    assert gaps == ["Student households (demo)"]

    stats = SyncStats()
    load_engagement_demo(
        officer=cast.olivia, neighbourhoods=[cast.ashfield], as_at=today + dt.timedelta(days=0), stats=stats
    )
    assert not stats.changed
    assert EngagementEvent.objects.count() == 3
