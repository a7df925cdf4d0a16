"""The spine: forces, neighbourhoods, LSOAs, their membership, and deprivation records.

Geometry is stored in WGS84 (SRID 4326, ADR 0002); areas are measured in British National Grid.
"""

from __future__ import annotations

import re

from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from simple_history.models import HistoricalRecords

from geography.scoping import NeighbourhoodScopedQuerySet

LSOA_CODE_RE = re.compile(r"^[EW]01\d{6}$")
RESERVED_NEIGHBOURHOOD_IDS = frozenset({"neighbourhoods"})


class Vintage(models.IntegerChoices):
    """ONS LSOA boundary vintage. 2011 and 2021 codes are never mixed silently."""

    V2011 = 2011, "LSOA 2011"
    V2021 = 2021, "LSOA 2021"


class Force(models.Model):
    """A police force, keyed by its police.uk id (e.g. ``west-yorkshire``)."""

    slug = models.SlugField(max_length=64, unique=True, help_text="police.uk force id")
    name = models.CharField(max_length=200)
    # How often the neighbourhood profile must be formally reviewed (guide: every 3-6 months).
    profile_review_months = models.PositiveSmallIntegerField(default=6)
    synthetic = models.BooleanField(default=False, help_text="Generated demo data, not a real force.")
    # The force area (issue 8 §4), loaded by import_force_boundary; WGS84 like every stored geometry (ADR 0002).
    boundary = models.MultiPolygonField(srid=4326, null=True, blank=True)
    boundary_source = models.CharField(max_length=200, blank=True, help_text="File the boundary came from.")

    history = HistoricalRecords(excluded_fields=["boundary"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not 3 <= self.profile_review_months <= 6:
            raise ValidationError({"profile_review_months": "A profile review is due every 3 to 6 months."})


class NeighbourhoodQuerySet(NeighbourhoodScopedQuerySet):
    neighbourhood_path = "pk"


class Neighbourhood(models.Model):
    """A policing neighbourhood in police.uk's shape; ids are unique only within a force."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="neighbourhoods")
    code = models.CharField(max_length=64, help_text="police.uk neighbourhood id, unique within the force")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    welcome_message = models.TextField(blank=True)
    url_force = models.URLField(blank=True, max_length=500)
    boundary = models.MultiPolygonField(srid=4326, null=True, blank=True)
    centre = models.PointField(srid=4326, null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    contact_details = models.JSONField(default=dict, blank=True)
    links = models.JSONField(default=list, blank=True)
    locations = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="Optional cluster or parent area.",
    )
    source = models.CharField(max_length=200, blank=True, help_text="Where the record came from.")
    lsoas: models.ManyToManyField[LSOA, NeighbourhoodLSOA] = models.ManyToManyField(
        "LSOA", through="NeighbourhoodLSOA", related_name="neighbourhoods"
    )

    objects = NeighbourhoodQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["boundary"])

    class Meta:
        ordering = ["force__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["force", "code"], name="neighbourhood_code_unique_in_force"),
            models.CheckConstraint(condition=~models.Q(code="neighbourhoods"), name="neighbourhood_code_not_reserved"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.code in RESERVED_NEIGHBOURHOOD_IDS:
            raise ValidationError({"code": "'neighbourhoods' is reserved by the police.uk API."})


class LSOAQuerySet(models.QuerySet["LSOA"]):
    def of_vintage(self, vintage: int) -> LSOAQuerySet:
        return self.filter(vintage=vintage)

    def with_boundary(self) -> LSOAQuerySet:
        """LSOAs whose boundary is loaded: the ones spatial work and crime linking may use."""
        return self.filter(geometry__isnull=False)

    def without_boundary(self) -> LSOAQuerySet:
        """LSOAs known by code only ("no boundary loaded"), e.g. created by import_imd for deprivation."""
        return self.filter(geometry__isnull=True)


class LSOA(models.Model):
    """A Lower layer Super Output Area of one vintage. Geometry may arrive after the codes.

    A row without geometry is "no boundary loaded": import_imd creates such rows to hold deprivation by code.
    """

    code = models.CharField(max_length=9)
    vintage = models.PositiveSmallIntegerField(choices=Vintage.choices)
    name = models.CharField(max_length=200, blank=True)
    geometry = models.MultiPolygonField(srid=4326, null=True, blank=True)
    local_authority_code = models.CharField(max_length=9, blank=True)
    local_authority_name = models.CharField(max_length=200, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    population_source = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Boundary source (file or 'synthetic').")

    objects = LSOAQuerySet.as_manager()

    class Meta:
        verbose_name = "LSOA"
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["code", "vintage"], name="lsoa_code_vintage_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def has_boundary(self) -> bool:
        """False for a row known by code only: "no boundary loaded" (deprivation may still hang on it)."""
        return self.geometry is not None


class NeighbourhoodLSOA(models.Model):
    """Membership: the share of the LSOA's area inside the neighbourhood (1.0 when set explicitly)."""

    class Method(models.TextChoices):
        SPATIAL = "spatial", "Derived spatially"
        EXPLICIT = "explicit", "Set explicitly"

    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, related_name="memberships")
    lsoa = models.ForeignKey(LSOA, on_delete=models.CASCADE, related_name="memberships")
    weight = models.FloatField(help_text="Share of the LSOA's area inside the neighbourhood, 0-1.")
    method = models.CharField(max_length=16, choices=Method.choices)

    objects = NeighbourhoodScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "lsoa"], name="membership_unique"),
            models.CheckConstraint(condition=models.Q(weight__gt=0, weight__lte=1), name="membership_weight_0_1"),
        ]

    def __str__(self) -> str:
        return f"{self.lsoa.code} in {self.neighbourhood} ({self.weight:.2f})"


class Domain(models.TextChoices):
    """The IMD and its seven domains (IoD2019/IoD2025 technical report)."""

    IMD = "imd", "Index of Multiple Deprivation"
    INCOME = "income", "Income"
    EMPLOYMENT = "employment", "Employment"
    EDUCATION = "education", "Education, Skills and Training"
    HEALTH = "health", "Health Deprivation and Disability"
    CRIME = "crime", "Crime"
    BARRIERS = "barriers", "Barriers to Housing and Services"
    LIVING_ENVIRONMENT = "living_environment", "Living Environment"


class Edition(models.IntegerChoices):
    IOD2019 = 2019, "English Indices of Deprivation 2019"
    IOD2025 = 2025, "English Indices of Deprivation 2025"


# Each IoD edition is published on one LSOA vintage.
EDITION_VINTAGE = {Edition.IOD2019: Vintage.V2011, Edition.IOD2025: Vintage.V2021}


class DeprivationRecord(models.Model):
    """One LSOA's score, rank and decile in one domain of one IoD edition.

    Files without scores (IoD2019 Files 1 and 2) leave ``score`` empty: missing, never zero.
    """

    lsoa = models.ForeignKey(LSOA, on_delete=models.CASCADE, related_name="deprivation")
    edition = models.PositiveSmallIntegerField(choices=Edition.choices)
    domain = models.CharField(max_length=32, choices=Domain.choices)
    score = models.FloatField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True, help_text="1 is most deprived")
    decile = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 is most deprived 10%")
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lsoa", "edition", "domain"], name="deprivation_unique"),
            models.CheckConstraint(
                condition=models.Q(decile__isnull=True) | models.Q(decile__gte=1, decile__lte=10),
                name="deprivation_decile_1_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lsoa_id} {self.edition} {self.domain}"


class LSOACrosswalk(models.Model):
    """How an LSOA 2011 and an LSOA 2021 overlap, so a count made on one vintage can be read on the other.

    ONS keeps a code when the LSOA did not change and retires it when it did (split, merge or redrawn), so a code
    present in both vintages is the identity (1.0 both ways), and retired 2011 codes are matched to new 2021 codes
    by the share of area they have in common. docs/lsoa-crosswalk.md says how the weights are made.
    """

    class Change(models.TextChoices):
        UNCHANGED = "U", "Unchanged"
        SPLIT = "S", "Split"
        MERGED = "M", "Merged"
        COMPLEX = "X", "Redrawn"

    lsoa11 = models.ForeignKey(LSOA, on_delete=models.CASCADE, related_name="crosswalk_to_2021")
    lsoa21 = models.ForeignKey(LSOA, on_delete=models.CASCADE, related_name="crosswalk_to_2011")
    share_of_2011 = models.FloatField(help_text="Share of the 2011 LSOA's area inside the 2021 LSOA, 0-1.")
    share_of_2021 = models.FloatField(help_text="Share of the 2021 LSOA's area inside the 2011 LSOA, 0-1.")
    change = models.CharField(max_length=1, choices=Change.choices)

    class Meta:
        verbose_name = "LSOA 2011 to 2021 crosswalk row"
        constraints = [
            models.UniqueConstraint(fields=["lsoa11", "lsoa21"], name="crosswalk_pair_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    share_of_2011__gt=0, share_of_2011__lte=1, share_of_2021__gt=0, share_of_2021__lte=1
                ),
                name="crosswalk_shares_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lsoa11.code} -> {self.lsoa21.code} ({self.share_of_2011:.2f})"
