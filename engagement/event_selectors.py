"""Reads of engagement events shared with other apps (the public neighbourhood page, issue 9).

``upcoming_public_events`` is the one read the priorities app's public page makes (named in
``[tool.importlinter]`` ``ignore_imports``): public-tier events only, so nothing police-only can leak.
"""

from __future__ import annotations

from django.db.models import QuerySet

from core.tiers import Tier
from engagement.models import EngagementEvent
from geography.models import Neighbourhood


def upcoming_public_events(*, neighbourhood: Neighbourhood, limit: int = 10) -> QuerySet[EngagementEvent]:
    return (
        EngagementEvent.objects.filter(neighbourhood=neighbourhood)
        .at_most(Tier.PUBLIC)
        .upcoming()
        .order_by("starts_at")[:limit]
    )


def public_events(*, neighbourhood: Neighbourhood) -> QuerySet[EngagementEvent]:
    """Every public-tier event of the neighbourhood (the public iCal feed)."""
    return EngagementEvent.objects.filter(neighbourhood=neighbourhood).at_most(Tier.PUBLIC).order_by("starts_at")


def upcoming_events_for_tier(*, neighbourhood: Neighbourhood, tier: Tier, limit: int = 20) -> QuerySet[EngagementEvent]:
    """Upcoming events of the neighbourhood no more sensitive than TIER (the partner portal, issue 12)."""
    return (
        EngagementEvent.objects.filter(neighbourhood=neighbourhood)
        .at_most(tier)
        .upcoming()
        .order_by("starts_at")[:limit]
    )
