"""Reads of engagement events shared with other apps (the public neighbourhood page, issue 9).

``upcoming_public_events`` is the one read the priorities app's public page makes (named in
``[tool.importlinter]`` ``ignore_imports``): public-tier events only, so nothing police-only can leak.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet, Sum

from core.tiers import Tier
from engagement.models import Concern, EngagementEvent
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


def open_concern_counts(*, neighbourhood_ids: list[int], since: dt.datetime) -> dict[int, int]:
    """People who raised a concern since SINCE that no priority has taken up yet, per neighbourhood, in one query.

    The deployment score's optional community-concern component reads this (guide 1239-1251: deployment from
    vulnerability, deprivation and community concern). A concern already taken into a priority is counted
    there, as a current priority, not twice.
    """
    rows = (
        Concern.objects.filter(neighbourhood_id__in=neighbourhood_ids, created_at__gte=since, priorities__isnull=True)
        .values("neighbourhood_id")
        .annotate(n=Sum("people_count"))
    )
    return {row["neighbourhood_id"]: int(row["n"] or 0) for row in rows}


def upcoming_events_for_tier(*, neighbourhood: Neighbourhood, tier: Tier, limit: int = 20) -> QuerySet[EngagementEvent]:
    """Upcoming events of the neighbourhood no more sensitive than TIER (the partner portal, issue 12)."""
    return (
        EngagementEvent.objects.filter(neighbourhood=neighbourhood)
        .at_most(tier)
        .upcoming()
        .order_by("starts_at")[:limit]
    )


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


def upcoming_events_located(*, neighbourhood_ids: list[int], tier: Tier) -> QuerySet[EngagementEvent]:
    """Upcoming events with a map location in these neighbourhoods, no more sensitive than TIER: the deployment
    map's events layer (issue 11), one query.
    """
    return (
        EngagementEvent.objects.filter(neighbourhood_id__in=neighbourhood_ids, location__isnull=False)
        .at_most(tier)
        .upcoming()
        .select_related("neighbourhood")
        .order_by("starts_at", "pk")
    )
