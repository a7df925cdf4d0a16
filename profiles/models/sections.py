"""One section per category of the profile (guide 2300–2339; part3 12583–12632).

Each section has its own version, so two officers editing different categories never conflict, and its own
tier, which caps every item in it. Sections 1 and 8 hold structured fields; the others hold only the tier and
notes, and their content is items (``items.py``) or, for section 2, figures read live from imported data.
"""

from __future__ import annotations

from django.db import models

from profiles.models.base import CategoryKey, ProfilePart
from profiles.models.profile import NeighbourhoodProfile


class Section(ProfilePart):
    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of profile {self.profile_id}"  # type: ignore[attr-defined]


class ContextSection(Section):
    """1. Contextual map: boundaries, broad geography, relationship to the surrounding area (guide 2307–2348)."""

    CATEGORY = CategoryKey.CONTEXT
    DISPLAY_FIELDS = (
        "boundary_agreement",
        "boundary_agreed_on",
        "streets",
        "households",
        "open_spaces",
        "surrounding_area",
    )

    profile = models.OneToOneField(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="context")
    # Guide 2344–2346: "outline the processes used to identify those boundaries".
    boundary_agreement = models.TextField(
        "How the boundary was agreed", blank=True, help_text="Who agreed it, and how (for example a PACT meeting)."
    )
    boundary_agreed_on = models.DateField("Date the boundary was agreed", null=True, blank=True)
    streets = models.TextField("Main streets and roads", blank=True)
    households = models.PositiveIntegerField(
        "Number of households", null=True, blank=True, help_text="Leave blank if not known."
    )
    open_spaces = models.TextField("Open spaces", blank=True, help_text="Parks, playing fields, woods, waste ground.")
    surrounding_area = models.TextField(
        "Relationship to the surrounding area", blank=True, help_text="Neighbouring areas, routes in and out."
    )

    class Meta:
        verbose_name = "contextual map section"


class DemographicSection(Section):
    """2. Demographic data (general): IMD figures are read live; officers add Mosaic, ACORN and local data."""

    CATEGORY = CategoryKey.DEMOGRAPHIC
    profile = models.OneToOneField(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="demographic")

    class Meta:
        verbose_name = "demographic data (general) section"


class HousingSection(Section):
    """3. Demographic data (housing) (guide 2314–2316, 2350–2357)."""

    CATEGORY = CategoryKey.HOUSING
    profile = models.OneToOneField(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="housing_section")

    class Meta:
        verbose_name = "housing section"


class PhysicalSection(Section):
    """4. Infrastructure (physical): significant locations by category (guide 2384–2443)."""

    CATEGORY = CategoryKey.PHYSICAL
    profile = models.OneToOneField(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="physical")

    class Meta:
        verbose_name = "physical infrastructure section"


class ContactsSection(Section):
    """5. Infrastructure (human): key contacts (guide 2446–2478)."""

    CATEGORY = CategoryKey.HUMAN
    profile = models.OneToOneField(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="human")

    class Meta:
        verbose_name = "key contacts section"


class PrioritiesSection(Section):
    """6. Neighbourhood priorities: read from the priorities app, never retyped (guide 2480–2491, 2734–2737)."""

    CATEGORY = CategoryKey.PRIORITIES
    profile = models.OneToOneField(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="priorities_section")

    class Meta:
        verbose_name = "priorities section"


class SatisfactionSection(Section):
    """7. Satisfaction, confidence and fear of crime (guide 2329–2333, 2494–2510)."""

    CATEGORY = CategoryKey.SATISFACTION
    profile = models.OneToOneField(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="satisfaction")

    class Meta:
        verbose_name = "satisfaction and confidence section"


class OverviewSection(Section):
    """8. Demographic characteristics (overview) (guide 2335–2339, 2512–2531)."""

    CATEGORY = CategoryKey.OVERVIEW
    DISPLAY_FIELDS = ("age_profile", "ethnic_profile", "source", "as_at")

    profile = models.OneToOneField(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="overview")
    age_profile = models.TextField("Age profile", blank=True)
    ethnic_profile = models.TextField("Ethnic profile", blank=True)
    source = models.CharField("Source of these figures", max_length=200, blank=True)
    as_at = models.DateField("As at", null=True, blank=True)

    class Meta:
        verbose_name = "demographic overview section"


SECTION_MODELS: tuple[type[Section], ...] = (
    ContextSection,
    DemographicSection,
    HousingSection,
    PhysicalSection,
    ContactsSection,
    PrioritiesSection,
    SatisfactionSection,
    OverviewSection,
)
