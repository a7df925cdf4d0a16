"""Engagement: events with the community and the concerns raised at them (issue 9).

This is the seed the engagement and priorities work grows from: the event and the concern are the two records
priorities link to. The rest of engagement (plan, KIN, surveys, the one contact register and the groups) lives
beside them in this app.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.locking import Versioned
from core.tiers import Tier
from geography.scoping import NeighbourhoodScopedQuerySet


class EventQuerySet(NeighbourhoodScopedQuerySet):
    def at_most(self, tier: int) -> EventQuerySet:
        return self.filter(tier__lte=tier)

    def upcoming(self) -> EventQuerySet:
        """Events that have not finished yet (an event without an end counts until it starts)."""
        now = timezone.now()
        return self.filter(models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now))


class EngagementEvent(Versioned, models.Model):
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
    description = models.TextField(
        "What the event is for", blank=True, help_text="Shown to everyone who can see the event."
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_engagement_events",
    )
    # Who the public contacts about the event (a name and a phone number or email). Free text for now: the
    # one contact register is engagement's registers module; a link to it can replace this later.
    contact = models.CharField("Contact for this event", max_length=300, blank=True)
    # Missing is missing: an event not yet held, or whose attendance was not counted, has no count (not 0).
    attendance = models.PositiveIntegerField("How many people attended", null=True, blank=True)
    partner_organisations = models.ManyToManyField(
        "accounts.PartnerOrganisation", blank=True, related_name="engagement_events", verbose_name="Partners attending"
    )
    other_partners = models.CharField(
        "Other partners attending", max_length=300, blank=True, help_text="Organisations not in the list."
    )
    # The profile's groups (engagement's register) the event was aimed at and, once held, which it reached. The
    # plan's gap check reads both (guide 1062–1066: "no group is inadvertently excluded").
    audience_groups = models.ManyToManyField(
        "engagement.CommunityGroup", blank=True, related_name="events_targeting", verbose_name="Groups it is aimed at"
    )
    groups_reached = models.ManyToManyField(
        "engagement.CommunityGroup", blank=True, related_name="events_reaching", verbose_name="Groups reached"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[partner_organisations, audience_groups, groups_reached])

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gte=models.F("starts_at")),
                name="engagement_event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.ends_at is not None and self.starts_at is not None and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})


class ConcernQuerySet(NeighbourhoodScopedQuerySet):
    """Concerns are police-tier working notes: they never appear on the public page (priorities do)."""


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
    location_text = models.CharField("Where", max_length=300, blank=True, help_text="A street, a park, a landmark.")
    location = models.PointField(srid=4326, null=True, blank=True)
    time_pattern = models.CharField(
        "When it happens", max_length=200, blank=True, help_text="Days and hours, for example weekday evenings."
    )
    people_count = models.PositiveIntegerField("How many people raised it", default=1)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.EVENT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ConcernQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(people_count__gte=1), name="concern_raised_by_someone")
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def clean(self) -> None:
        if self.event is not None and self.event.neighbourhood_id != self.neighbourhood_id:
            raise ValidationError({"event": "The event is in another neighbourhood."})
