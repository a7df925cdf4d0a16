"""The items officers add to sections: sources, housing, places, contacts, survey results, languages, groups.

Personal data is minimised: a contact has a role, an organisation, a name and work contact details only
(no date of birth, no home address), and those personal fields are police-only unless the person consented to
share them (ECINS-style consent; guide part1 §2.10, Data Protection Act lines 2783–2810).
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib.gis.db import models as gis_models
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.tiers import Tier
from profiles.models.base import CategoryKey, ProfilePart, tier_field
from profiles.models.profile import NeighbourhoodProfile

# Issue 3, category 7: the headline confidence question.
HEADLINE_QUESTION = (
    "The police and local council are dealing with the crime and anti-social behaviour issues that matter in this area"
)


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


class KeyContact(Item):
    """Category 5: a key person or organisation (guide 2446–2478). Personal fields are police-only by default."""

    class Kind(models.TextChoices):
        TEAM = "team", "Neighbourhood team member"
        PARTNER = "partner", "Partner agency (council, housing, youth services...)"
        COUNCILLOR = "councillor", "Councillor"
        RESIDENTS = "residents", "Residents' association or action group"
        NHW = "nhw", "Neighbourhood Watch coordinator"
        FAITH_COMMUNITY = "faith_community", "Faith or community contact"
        KIN = "kin", "Key Individual Network (KIN) member"
        YOUTH = "youth", "Youth provision"
        VOLUNTARY = "voluntary", "Voluntary group"
        OTHER = "other", "Other"

    class Preference(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        TEXT = "text", "Text message"
        LETTER = "letter", "Letter"
        IN_PERSON = "in_person", "In person"
        VIA_ORGANISATION = "via_organisation", "Through their organisation"

    CATEGORY = CategoryKey.HUMAN
    DISPLAY_FIELDS = ("kind", "role", "organisation", "preferred_contact", "consent_to_share", "consent_recorded_on")
    RESTRICTED_FIELDS = ("name", "phone", "email", "notes")

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="contacts")
    tier = tier_field(Tier.PARTNER)
    restricted_tier = tier_field(Tier.POLICE, "Who can see the personal details and notes")
    kind = models.CharField("Kind of contact", max_length=16, choices=Kind.choices)
    role = models.CharField("Role", max_length=200, help_text="For example 'Chair' or 'Youth worker'.")
    organisation = models.CharField("Organisation", max_length=200, blank=True)
    name = models.CharField("Name", max_length=200, blank=True)
    phone = models.CharField("Work phone", max_length=40, blank=True)
    email = models.EmailField("Work email", blank=True)
    preferred_contact = models.CharField(
        "Preferred way to be contacted", max_length=20, choices=Preference.choices, blank=True
    )
    consent_to_share = models.BooleanField("Consents to their details being shared with partners", default=False)
    consent_recorded_on = models.DateField("Date consent was recorded", null=True, blank=True)

    class Meta:
        ordering = ["kind", "organisation", "role"]

    def __str__(self) -> str:
        return f"{self.role}, {self.organisation}".strip(", ")

    def clean(self) -> None:
        super().clean()
        if self.restricted_tier is not None and self.restricted_tier < Tier.POLICE and not self.consent_to_share:
            raise ValidationError(
                {"restricted_tier": "Personal details can go beyond the police only with the person's consent."}
            )
        if self.consent_to_share and self.consent_recorded_on is None:
            raise ValidationError({"consent_recorded_on": "Enter the date consent was recorded."})


class SurveyResult(Item):
    """Category 7: one survey figure (guide 2494–2510: local survey data, force survey, the CSEW)."""

    class Source(models.TextChoices):
        LOCAL = "local", "Local survey"
        FORCE = "force", "Force survey"
        CSEW = "csew", "Crime Survey for England and Wales"

    class Measure(models.TextChoices):
        CONFIDENCE = "confidence", "Confidence"
        SATISFACTION = "satisfaction", "Satisfaction"
        FEAR = "fear", "Fear of crime"
        OTHER = "other", "Other"

    CATEGORY = CategoryKey.SATISFACTION
    DISPLAY_FIELDS = (
        "measure",
        "question",
        "is_headline",
        "surveyed_on",
        "sample_size",
        "value",
        "source",
        "source_detail",
    )

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="surveys")
    measure = models.CharField("Measure", max_length=16, choices=Measure.choices)
    is_headline = models.BooleanField(
        "This is the headline question", default=False, help_text=f"“{HEADLINE_QUESTION}”."
    )
    question = models.CharField(
        "Question", max_length=300, blank=True, help_text="Leave blank for the headline question."
    )
    surveyed_on = models.DateField("Date of the survey", help_text="The end of fieldwork.")
    sample_size = models.PositiveIntegerField(
        "Sample size", null=True, blank=True, validators=[MinValueValidator(1)], help_text="Leave blank if not known."
    )
    value = models.DecimalField(
        "Result (%)",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="The percentage agreeing, satisfied or worried.",
    )
    source = models.CharField("Source", max_length=16, choices=Source.choices)
    source_detail = models.CharField("Survey name", max_length=200, blank=True)

    class Meta:
        ordering = ["-is_headline", "question", "surveyed_on"]

    def __str__(self) -> str:
        return f"{self.question} ({self.surveyed_on}): {self.value}%"

    def clean(self) -> None:
        super().clean()
        if self.is_headline:
            self.question = HEADLINE_QUESTION
        elif not self.question.strip():
            raise ValidationError({"question": "Enter the question, or tick the headline question."})


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


class CommunityGroup(Item):
    """Category 8: a transient, vulnerable, hard-to-reach or new and emerging group (guide 2335–2339, 2512–2531).

    Groups marked "to engage" feed the engagement plan's gap check. Partner tier by default: groups may be
    described by ethnicity or religion, which is sensitive personal data in aggregate (guide 2783–2810).
    """

    class Kind(models.TextChoices):
        TRANSIENT = "transient", "Transient group"
        VULNERABLE = "vulnerable", "Vulnerable group"
        HARD_TO_REACH = "hard_to_reach", "Hard to reach or hard to hear"
        NEW_EMERGING = "new_emerging", "New or emerging community"
        OTHER = "other", "Other group to engage"

    CATEGORY = CategoryKey.OVERVIEW
    DISPLAY_FIELDS = (
        "kind",
        "name",
        "description",
        "size_estimate",
        "countries_of_origin",
        "languages",
        "to_engage",
        "source",
    )

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="groups")
    tier = tier_field(Tier.PARTNER)
    kind = models.CharField("Kind of group", max_length=16, choices=Kind.choices)
    name = models.CharField("Name", max_length=200)
    description = models.TextField("Description", blank=True)
    size_estimate = models.PositiveIntegerField("Estimated size", null=True, blank=True)
    # Guide 12852: "Do not automatically assume a link between nationality and language".
    countries_of_origin = models.CharField("Countries of origin or nationalities", max_length=300, blank=True)
    languages = models.CharField("Languages spoken", max_length=300, blank=True)
    to_engage = models.BooleanField("The team should engage with this group", default=True)
    source = models.CharField("Source", max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "community group"

    def __str__(self) -> str:
        return self.name


ITEM_MODELS: tuple[type[Item], ...] = (
    DemographicSource,
    HousingItem,
    InfrastructurePoint,
    KeyContact,
    SurveyResult,
    LanguageSpoken,
    CommunityGroup,
)
