"""police.uk street-level crime and ASB records.

Deduplication key (ADR 0003): a record with a Crime ID is keyed by that ID; an ASB record (no ID)
is keyed by a hash of its fields plus its occurrence number among identical rows of its file.
"""

from __future__ import annotations

from django.contrib.gis.db import models

from core.scoping import NeighbourhoodScopedQuerySet


class CrimeQuerySet(NeighbourhoodScopedQuerySet):
    def located(self) -> CrimeQuerySet:
        return self.filter(location__isnull=False)

    def unlocated(self) -> CrimeQuerySet:
        return self.filter(location__isnull=True)


class Crime(models.Model):
    key = models.CharField(max_length=80, unique=True, help_text="Deduplication key (ADR 0003).")
    crime_id = models.CharField(max_length=64, blank=True, help_text="police.uk Crime ID; empty for ASB.")
    month = models.DateField(db_index=True, help_text="First day of the police.uk month.")
    reported_by = models.CharField(max_length=100)
    falls_within = models.CharField(max_length=100)
    # Null when the CSV row had no coordinates: such rows are kept and flagged by this.
    location = models.PointField(srid=4326, null=True, blank=True)
    location_text = models.CharField(max_length=200, blank=True)
    lsoa_code = models.CharField(max_length=9, blank=True, db_index=True)
    lsoa_name = models.CharField(max_length=200, blank=True)
    lsoa = models.ForeignKey("geography.LSOA", null=True, blank=True, on_delete=models.SET_NULL, related_name="crimes")
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", null=True, blank=True, on_delete=models.SET_NULL, related_name="crimes"
    )
    category = models.CharField(max_length=64, db_index=True, help_text="police.uk category slug")
    last_outcome = models.CharField(max_length=200, blank=True)
    context = models.TextField(blank=True)
    source_file = models.CharField(max_length=255, blank=True)

    objects = CrimeQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["neighbourhood", "month", "category"])]

    def __str__(self) -> str:
        return f"{self.category} {self.month:%Y-%m} {self.location_text}"

    @property
    def has_location(self) -> bool:
        return self.location is not None
