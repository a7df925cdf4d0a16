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


# The Guarantee's "regular beat meetings where the public can raise concerns" (reference-anchors §7).
BEAT_MEETING_KINDS = (EngagementEvent.Kind.PACT, EngagementEvent.Kind.PUBLIC_MEETING)


def events_held(*, neighbourhood_ids: list[int], start: object, end: object) -> list[tuple[int, str, int | None]]:
    """(neighbourhood id, kind, attendance or None) of every event starting in [START, END): the performance
    framework's events held and reach (issue 15). One query.
    """
    return list(
        EngagementEvent.objects.filter(neighbourhood_id__in=neighbourhood_ids, starts_at__gte=start, starts_at__lt=end)
        .order_by("pk")
        .values_list("neighbourhood_id", "kind", "attendance")
    )
