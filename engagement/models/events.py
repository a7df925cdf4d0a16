"""Engagement: events with the community and the concerns raised at them (issue 9).

This is the seed the engagement and priorities work grows from: the event and the concern are the two records
priorities link to. The rest of engagement (plan, KIN, surveys, the one contact register and the groups) lives
beside them in this app.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.tiers import Tier
from geography.scoping import NeighbourhoodScopedQuerySet


class EventQuerySet(NeighbourhoodScopedQuerySet):
    def at_most(self, tier: int) -> EventQuerySet:
        return self.filter(tier__lte=tier)


class EngagementEvent(models.Model):
    """A meeting, briefing, walk or survey with the community (guide part1 §2.4, part3 §3)."""

    class Kind(models.TextChoices):
        PACT = "pact", "PACT or panel meeting"
        PUBLIC_MEETING = "public_meeting", "Public meeting"
        STREET_BRIEFING = "street_briefing", "Street briefing"
        SURGERY = "surgery", "Surgery"
        PATCH_WALK = "patch_walk", "Patch walk or Environmental Visual Audit"
        FOCUS_GROUP = "focus_group", "Focus group"
        DOOR_TO_DOOR = "door_to_door", "Door-to-door"
        ONLINE = "online", "Online meeting or survey"
        BUSINESS = "business", "Business engagement"
        PARTNER_MEETING = "partner_meeting", "Partner meeting"
        OTHER = "other", "Other"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="engagement_events"
    )
    kind = models.CharField("Type", max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField("Starts")
    ends_at = models.DateTimeField("Ends", null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    location = models.PointField(srid=4326, null=True, blank=True)
    tier = models.PositiveSmallIntegerField("Who can see this", choices=Tier.choices, default=Tier.POLICE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title


class ConcernQuerySet(NeighbourhoodScopedQuerySet):
    pass


class Concern(models.Model):
    """An issue the community raised, at an event or by survey; it can be promoted to a candidate priority."""

    class Source(models.TextChoices):
        EVENT = "event", "Engagement event"
        SURVEY = "survey", "Survey"
        OTHER = "other", "Other"

    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.PROTECT, related_name="concerns")
    event = models.ForeignKey(
        EngagementEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns"
    )
    text = models.TextField("What was raised")
    people_count = models.PositiveIntegerField("How many people raised it", default=1)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.EVENT)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ConcernQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]
