"""Neighbourhood priorities (issue 9): set with the community, reviewed, reported back on and closed.

The seed record: the priorities work adds the SMART fields, how it was set, the lifecycle, reviews and
"you said, we did" updates. SARA plans (problem_solving) point at a priority.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.tiers import Tier
from geography.scoping import NeighbourhoodScopedQuerySet


class PriorityQuerySet(NeighbourhoodScopedQuerySet):
    def at_most(self, tier: int) -> PriorityQuerySet:
        return self.filter(tier__lte=tier)

    def current(self) -> PriorityQuerySet:
        return self.filter(status=Priority.Status.ACTIVE)


class Priority(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        RESOLVED = "resolved", "Resolved"
        CLOSED_NOT_RESOLVED = "closed_not_resolved", "Closed, not resolved"
        SUPERSEDED = "superseded", "Superseded"

    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.PROTECT, related_name="priorities")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.PROPOSED)
    # Priorities are published (guide "minimum website content" 12890–12904): public unless marked otherwise.
    tier = models.PositiveSmallIntegerField("Who can see this", choices=Tier.choices, default=Tier.PUBLIC)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PriorityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["neighbourhood", "-created_at"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title
