"""police.uk street-level crime and ASB records.

Deduplication key (ADR 0003): a record with a Crime ID is keyed by that ID; a record without one (ASB)
is keyed by a hash of its fields plus its occurrence number among identical rows of its file.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.gis.db import models

from geography.scoping import NeighbourhoodScopedQuerySet


class CrimeQuerySet(NeighbourhoodScopedQuerySet):
    def in_months(self, start: dt.date | None = None, end: dt.date | None = None) -> CrimeQuerySet:
        """Crimes of the months START to END inclusive (any day of a month; None leaves that end open)."""
        crimes = self
        if start is not None:
            crimes = crimes.filter(month__gte=start.replace(day=1))
        if end is not None:
            crimes = crimes.filter(month__lte=end.replace(day=1))
        return crimes

    def located(self) -> CrimeQuerySet:
        return self.filter(location__isnull=False)

    def unlocated(self) -> CrimeQuerySet:
        """Rows whose CSV line had no coordinates: kept, and flagged by the empty location."""
        return self.filter(location__isnull=True)


class Crime(models.Model):
    # The deduplication key is the primary key (ADR 0003): one index fewer to maintain on every import.
    key = models.UUIDField(primary_key=True, editable=False, help_text="Deduplication key (ADR 0003).")
    crime_id = models.CharField(max_length=64, blank=True, help_text="police.uk Crime ID; empty for ASB.")
    month = models.DateField(help_text="First day of the police.uk month.")
    reported_by = models.CharField(max_length=100)
    falls_within = models.CharField(max_length=100)
    # Null when the CSV row had no coordinates: such rows are kept and flagged by this. No spatial index:
    # crimes are linked to their LSOA and neighbourhood at import, so reads filter on those links (and the
    # month) rather than on geometry (docs/benchmarks.md).
    location = models.PointField(srid=4326, null=True, blank=True, spatial_index=False)
    location_text = models.CharField(max_length=200, blank=True)
    # The code as published, kept even when that LSOA is not loaded (then ``lsoa`` is null).
    lsoa_code = models.CharField(max_length=9, blank=True)
    lsoa_name = models.CharField(max_length=200, blank=True)
    # Every index and constraint is paid for on each of the ~6 million rows a national year imports
    # (docs/benchmarks.md). The links have no single-column indexes (the composite indexes below lead with
    # them) and no database constraint: the importer sets them from a join, so they exist when written,
    # and deleting an LSOA or neighbourhood through Django still nulls them (on_delete runs in Django).
    lsoa = models.ForeignKey(
        "geography.LSOA",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="crimes",
        db_index=False,
        db_constraint=False,
    )
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="crimes",
        db_index=False,
        db_constraint=False,
    )
    category = models.CharField(max_length=64, help_text="police.uk category slug")
    last_outcome = models.CharField(max_length=200, blank=True)
    context = models.TextField(blank=True)
    source_file = models.CharField(max_length=255, blank=True)

    objects = CrimeQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["neighbourhood", "month", "category"], name="crime_nbh_month_cat"),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.month:%Y-%m} {self.location_text}"

    @property
    def has_location(self) -> bool:
        return self.location is not None
