"""The items officers add to sections: sources, housing, places, languages.

Contacts (category 5), survey results (category 7) and community groups (category 8) are engagement's one
register (issue 9, ADR 0011): ``engagement.models.registers`` and ``surveys``; the profile reads them through
``engagement.selectors``.

Personal data is minimised: a contact has a role, an organisation, a name and work contact details only
(no date of birth, no home address), and those personal fields are police-only unless the person consented to
share them (ECINS-style consent; guide part1 §2.10, Data Protection Act lines 2783–2810).
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib.gis.db import models as gis_models
from django.core.exceptions import ValidationError
from django.db import models

from profiles.models.base import CategoryKey, ProfilePart
from profiles.models.profile import NeighbourhoodProfile


class Cadence(models.TextChoices):
    ONCE = "once", "One-off"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"
    TEN_YEARLY = "ten_yearly", "Every ten years (census)"
    AD_HOC = "ad_hoc", "Ad hoc"


class Item(ProfilePart):
    # The category the item belongs to (set by every concrete item; a section's category is a column).
    CATEGORY: ClassVar[CategoryKey]

    class Meta:
        abstract = True


class DemographicSource(Item):
    """Category 2, officer-entered: a Mosaic or ACORN class, or a local dataset (guide 2359–2379)."""

    class Kind(models.TextChoices):
        MOSAIC = "mosaic", "Experian Mosaic class"
        ACORN = "acorn", "ACORN class"
        LOCAL = "local", "Local dataset"
        OTHER = "other", "Other"

    CATEGORY = CategoryKey.DEMOGRAPHIC
    DISPLAY_FIELDS = ("kind", "name", "value", "source", "as_at", "cadence")

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField("Name", max_length=200, help_text="For example 'Mosaic group' or the dataset's title.")
    value = models.TextField("What it says", help_text="The class, or a summary of what the dataset shows.")
    source = models.CharField("Source", max_length=200, help_text="Who publishes it.")
    as_at = models.DateField("As at", null=True, blank=True)
    cadence = models.CharField("How often it is updated", max_length=16, choices=Cadence.choices)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class HousingItem(Item):
    """Category 3: a housing type with a count, source and date (guide 2314–2316, 2350–2357)."""

    class Kind(models.TextChoices):
        LA_STOCK = "la_stock", "Local authority housing stock"
        HA_STOCK = "ha_stock", "Housing association (registered social landlord) stock"
        NASS = "nass", "NASS-approved (asylum support) accommodation"
        HMO = "hmo", "Houses in multiple occupation"
        HOSTEL = "hostel", "Hostels"
        PRIVATE_RENTED = "private_rented", "Private rented"
        OWNER_OCCUPIED = "owner_occupied", "Owner occupied"
        OTHER = "other", "Other housing type"

    CATEGORY = CategoryKey.HOUSING
    # The three kinds the guide names as the minimum for this category.
    REQUIRED_KINDS: ClassVar[frozenset[str]] = frozenset({Kind.LA_STOCK, Kind.HA_STOCK, Kind.NASS})
    DISPLAY_FIELDS = ("kind", "description", "count", "source", "as_at")

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="housing")
    kind = models.CharField("Housing type", max_length=16, choices=Kind.choices)
    description = models.CharField("Description", max_length=200, blank=True)
    count = models.PositiveIntegerField(
        "Number of dwellings", null=True, blank=True, help_text="Leave blank if not known (0 means none)."
    )
    source = models.CharField("Source", max_length=200)
    as_at = models.DateField("As at")

    class Meta:
        ordering = ["kind", "description"]

    def __str__(self) -> str:
        return self.get_kind_display()


class InfrastructurePoint(Item):
    """Category 4: a significant location, in one of the guide's categories (guide 2384–2443)."""

    class Kind(models.TextChoices):
        ACCOMMODATION = "accommodation", "Accommodation"
        COMMERCIAL = "commercial", "Commercial and business"
        SPORT = "sport", "Sport and entertainment"
        EDUCATION_HEALTH = "education_health", "Education and health"
        PUBLIC = "public", "Public infrastructure"
        MANUFACTURING = "manufacturing", "Manufacturing and production"
        RETAIL = "retail", "Retail (including licensed premises)"
        TRANSPORT = "transport", "Transport"
        FAITH = "faith", "Faith communities"

    # Sub-types the guide lists per category (2384–2443), offered as suggestions; others may be typed.
    SUBTYPES: ClassVar[dict[str, tuple[str, ...]]] = {
        "accommodation": ("Hostel", "Youth hostel"),
        "commercial": (
            "Bank",
            "Cash machine",
            "Pawnbroker",
            "Cheque cashing",
            "Scrap metal dealer",
            "Salvage merchant",
        ),
        "sport": ("Nightclub", "Youth club", "Outward bound centre", "Paintballing", "Swimming pool"),
        "education_health": (
            "School",
            "Hospital",
            "Clinic",
            "GP surgery",
            "Dentist",
            "Mental health centre",
            "Care home",
            "Counselling or advice centre",
        ),
        "public": (
            "Court",
            "Fire station",
            "Police station",
            "Prison",
            "Probation office",
            "Youth organisation",
            "Public toilet",
            "Public telephone",
            "Traveller site",
        ),
        "manufacturing": ("Business park", "Industrial estate"),
        "retail": ("Shopping centre", "Licensed premises", "Food outlet"),
        "transport": ("Bus stop", "Railway station", "Taxi rank", "Petrol station", "Footbridge", "Subway"),
        "faith": ("Church", "Church hall", "Mosque", "Temple", "Gurdwara", "Synagogue", "Prayer room", "Faith project"),
    }
    CATEGORY = CategoryKey.PHYSICAL
    DISPLAY_FIELDS = ("kind", "subtype", "name", "address", "location", "denomination", "languages", "communities")

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField("Category", max_length=24, choices=Kind.choices)
    subtype = models.CharField("Type", max_length=100, help_text="For example 'GP surgery' or 'Licensed premises'.")
    name = models.CharField("Name", max_length=200)
    address = models.CharField("Address", max_length=300, blank=True, help_text="Include the postcode if known.")
    location = gis_models.PointField("Location", srid=4326)
    # Guide 2437–2443: faith entries give the faith and ethnic groups concerned, and languages.
    denomination = models.CharField("Faith or denomination", max_length=200, blank=True)
    languages = models.CharField("Languages used", max_length=300, blank=True)
    communities = models.CharField(
        "Communities served", max_length=300, blank=True, help_text="Ethnic groups or countries of origin, if relevant."
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "significant location"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.kind != self.Kind.FAITH and (self.denomination or self.languages):
            raise ValidationError({"denomination": "Faith and languages are recorded for faith locations only."})


class LanguageSpoken(Item):
    """Category 8: a language spoken locally, kept apart from nationality (guide 12852–12854)."""

    CATEGORY = CategoryKey.OVERVIEW
    DISPLAY_FIELDS = ("language", "speakers", "source", "as_at")

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField("Language", max_length=100)
    speakers = models.PositiveIntegerField(
        "Estimated speakers", null=True, blank=True, help_text="Leave blank if not known."
    )
    source = models.CharField(
        "Source", max_length=200, help_text="For example the school census or Language Line data."
    )
    as_at = models.DateField("As at", null=True, blank=True)

    class Meta:
        ordering = ["language"]
        verbose_name = "language spoken"

    def __str__(self) -> str:
        return self.language


ITEM_MODELS: tuple[type[Item], ...] = (
    DemographicSource,
    HousingItem,
    InfrastructurePoint,
    LanguageSpoken,
)
