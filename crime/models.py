"""police.uk street-level crime and ASB records, and the force-month releases they came in.

Deduplication key (ADR 0003): a record with a Crime ID is keyed by that ID; a record without one (ASB)
is keyed by a hash of its fields plus its occurrence number among identical rows of its file.
Update semantics (ADR 0007): a force-month's rows always equal its latest release.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
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

    def in_month_keys(self, month: dt.date) -> CrimeQuerySet:
        """Crimes of MONTH, found through the primary key: keys lead with the month (ADR 0003)."""
        prefix = f"{month:%Y%m}"
        return self.filter(key__gte=uuid.UUID(prefix + "0" * 26), key__lte=uuid.UUID(prefix + "f" * 26))

    def in_lsoas(self, ids: list[int]) -> CrimeQuerySet:
        """Crimes in any of the LSOAs IDS, of either vintage."""
        return self.filter(models.Q(lsoa_id__in=ids) | models.Q(lsoa21_id__in=ids))

    def located(self) -> CrimeQuerySet:
        return self.filter(location__isnull=False)

    def unlocated(self) -> CrimeQuerySet:
        """Rows whose CSV line had no coordinates: kept, and flagged by the empty location."""
        return self.filter(location__isnull=True)


class CrimeReleaseQuerySet(models.QuerySet["CrimeRelease"]):
    def current(self) -> CrimeReleaseQuerySet:
        """The release each force-month's rows come from now (older ones are history)."""
        return self.filter(replaced_by__isnull=True)


class CrimeRelease(models.Model):
    """One police.uk street file for one force and month, as imported (ADR 0007).

    police.uk republishes months with corrections; a different file for the same force-month replaces the
    earlier release (kept here, linked by ``replaces``), and the force-month's crimes then equal the new file.
    """

    force = models.SlugField(max_length=64, help_text="police.uk force id, from the file name")
    month = models.DateField(help_text="First day of the police.uk month.")
    source_file = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the CSV text (decompressed).")
    rows = models.PositiveIntegerField(help_text="Data rows in the file.")
    records = models.PositiveIntegerField(default=0, help_text="Crime records the force-month holds from it.")
    added = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")

    objects = CrimeReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["force", "month", "imported_at"]
        indexes = [models.Index(fields=["force", "month"], name="crime_release_force_month")]

    def __str__(self) -> str:
        return f"{self.force} {self.month:%Y-%m} ({self.source_file})"

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "replaced_by")


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
    # The code as published, kept even when no loaded LSOA has it (then the links come from the point).
    lsoa_code = models.CharField(max_length=9, blank=True)
    lsoa_name = models.CharField(max_length=200, blank=True)
    # Every index and constraint is paid for on each of the ~6 million rows a national year imports
    # (docs/benchmarks.md). The links have no single-column indexes (the composite indexes below lead with
    # them) and no database constraint: the importer sets them from a join, so they exist when written,
    # and deleting an LSOA or neighbourhood through Django still nulls them (on_delete runs in Django).
    # One link per LSOA vintage (ADR 0007): the file's code resolved in each loaded vintage that holds it,
    # whatever the month; the point only when no loaded vintage knows the code.
    lsoa = models.ForeignKey(
        "geography.LSOA",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="crimes",
        db_index=False,
        db_constraint=False,
        help_text="The LSOA 2011 this crime lies in.",
    )
    lsoa21 = models.ForeignKey(
        "geography.LSOA",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="crimes_2021",
        db_index=False,
        db_constraint=False,
        help_text="The LSOA 2021 this crime lies in.",
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
    # The release the row now belongs to; null for rows made outside the importer (demo data).
    release = models.ForeignKey(
        CrimeRelease,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

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
