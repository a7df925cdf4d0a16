"""The profile itself (one per neighbourhood), its formal reviews and its snapshots."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from geography.scoping import NeighbourhoodScopedQuerySet
from profiles.models.base import CategoryKey

if TYPE_CHECKING:
    from profiles.models.sections import ProfileSection


def add_months(day: dt.date, months: int) -> dt.date:
    """DAY plus MONTHS calendar months, clamped to the month's last day (31 Aug + 6 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class NeighbourhoodProfileQuerySet(NeighbourhoodScopedQuerySet):
    neighbourhood_path = "neighbourhood"


class ProfileChildQuerySet(NeighbourhoodScopedQuerySet):
    neighbourhood_path = "profile__neighbourhood"


class NeighbourhoodProfile(models.Model):
    """The living profile of one neighbourhood (guide 2244–2251): its eight sections hang off it.

    Review rule: a formal review every three to six months (guide 2757–2760); the force sets the interval
    (``Force.profile_review_months``). A profile never reviewed is due that interval after it was started.
    """

    neighbourhood = models.OneToOneField("geography.Neighbourhood", on_delete=models.CASCADE, related_name="profile")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = NeighbourhoodProfileQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["neighbourhood__name"]

    def __str__(self) -> str:
        return f"Profile of {self.neighbourhood}"

    def section(self, key: CategoryKey) -> ProfileSection:
        """The section for category KEY (``profile_ensure`` gives every profile all eight)."""
        return self.sections.get(category=key)

    def review_interval_months(self) -> int:
        return self.neighbourhood.force.profile_review_months

    def review_due_on(self) -> dt.date:
        """The date by which the next formal review must be signed off."""
        since = self.last_reviewed_at or self.created_at
        return add_months(timezone.localdate(since), self.review_interval_months())

    def is_review_overdue(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.review_due_on()


class ProfileSnapshot(models.Model):
    """A frozen copy of the whole profile (police tier) with the auto-filled figures of the moment.

    Review baselines are snapshots (guide 2162–2170: a baseline to benchmark change against); so are the
    records the ``profiles.refresh`` job makes after an import, which let the as-at view show the figures of
    the time (deprivation records themselves keep no history).
    """

    class Kind(models.TextChoices):
        REVIEW_BASELINE = "review", "Review baseline"
        DATA_REFRESH = "refresh", "Imported data refreshed"

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="snapshots")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    taken_at = models.DateTimeField(default=timezone.now, db_index=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data: models.JSONField[Any] = models.JSONField(default=dict)

    objects = ProfileChildQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.profile_id} at {self.taken_at:%Y-%m-%d %H:%M}"


class ProfileReview(models.Model):
    """A formal review signed off by a sergeant or analyst, with a comment and a baseline snapshot."""

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="reviews")
    reviewed_at = models.DateTimeField(default=timezone.now, db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField()
    baseline = models.OneToOneField(ProfileSnapshot, on_delete=models.PROTECT, related_name="review")

    objects = ProfileChildQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"Review of {self.profile_id} on {self.reviewed_at:%Y-%m-%d}"
