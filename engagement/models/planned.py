"""Planned engagement that is not an event (issue 9 plan: "for each community group: when, where and how").

Some engagement is not a meeting with a start time: a newsletter in a community's language, posts in a group's
online forum, a regular slot at a community centre's drop-in, contact through a partner who works with the group.
Each is planned per group with when, where and how; once done it is dated. The plan's gap check counts it like an
event aimed at the group (guide 1062–1066).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.tiers import Tier
from engagement.models.registers import CommunityGroup
from geography.scoping import NeighbourhoodScopedQuerySet


class PlannedQuerySet(NeighbourhoodScopedQuerySet):
    def at_most(self, tier: int) -> PlannedQuerySet:
        return self.filter(tier__lte=tier)


class PlannedEngagement(models.Model):
    class How(models.TextChoices):
        NEWSLETTER = "newsletter", "Newsletter or leaflet"
        ONLINE = "online", "Online forum or social media"
        DROP_IN = "drop_in", "Regular drop-in or slot at a venue"
        PARTNER = "partner", "Through a partner who works with the group"
        KIN = "kin", "Through KIN members"
        VISITS = "visits", "Visits or door-knocking"
        OTHER = "other", "Other"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="planned_engagements"
    )
    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="planned_engagements")
    how = models.CharField("How", max_length=16, choices=How.choices)
    where = models.CharField("Where", max_length=300, blank=True, help_text="A venue, a website, a partner.")
    when = models.CharField("When", max_length=200, help_text="For example “monthly, first Tuesday”.")
    planned_on = models.DateField("Next planned date")
    done_on = models.DateField("Date done", null=True, blank=True)
    # Police only by default: it names a group and how the team reaches it (groups may be sensitive, guide 2783–2810).
    tier = models.PositiveSmallIntegerField("Who can see this", choices=Tier.choices, default=Tier.POLICE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PlannedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["planned_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_how_display()} for {self.group_id} on {self.planned_on}"

    def clean(self) -> None:
        if self.group_id and self.neighbourhood_id and self.group.profile.neighbourhood_id != self.neighbourhood_id:
            raise ValidationError({"group": "The group is in another neighbourhood."})
