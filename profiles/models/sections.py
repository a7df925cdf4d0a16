"""The profile's sections: one row per profile and category (guide 2300–2339; part3 12583–12632; ADR 0005).

Each section has its own version, so two officers editing different categories never conflict, and its own
tier, which caps every item in it. All eight categories share one table: only categories 1 (contextual map)
and 8 (overview) have fields of their own, and those are optional columns that a check constraint keeps empty
in every other category. The other categories' content is items (``items.py``) or, for category 2, figures
read live from imported data.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from profiles.models.base import CategoryKey, ProfilePart
from profiles.models.profile import NeighbourhoodProfile

# Each category's own fields, in the order its page and form show them (the registry reads these).
# Guide 2307–2348: the contextual map, including "the processes used to identify those boundaries" (2344–2346).
CONTEXT_FIELDS = (
    "boundary_agreement",
    "boundary_agreed_on",
    "streets",
    "households",
    "open_spaces",
    "surrounding_area",
)
# Guide 2335–2339, 2512–2531: the demographic overview.
OVERVIEW_FIELDS = ("age_profile", "ethnic_profile", "source", "as_at")
SECTION_FIELDS: dict[CategoryKey, tuple[str, ...]] = {
    CategoryKey.CONTEXT: CONTEXT_FIELDS,
    CategoryKey.OVERVIEW: OVERVIEW_FIELDS,
}
_DATE_OR_NUMBER = {"boundary_agreed_on", "households", "as_at"}


def _empty(names: tuple[str, ...]) -> Q:
    """Every one of NAMES blank (text) or null (dates and numbers)."""
    return Q(
        **{(f"{name}__isnull" if name in _DATE_OR_NUMBER else name): (name in _DATE_OR_NUMBER or "") for name in names}
    )


class ProfileSection(ProfilePart):
    """One category of one profile: its tier, its notes and, for categories 1 and 8, its own fields."""

    profile = models.ForeignKey(NeighbourhoodProfile, on_delete=models.CASCADE, related_name="sections")
    category = models.PositiveSmallIntegerField(choices=CategoryKey.choices, editable=False)

    # Category 1, contextual map.
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

    # Category 8, demographic overview.
    age_profile = models.TextField("Age profile", blank=True)
    ethnic_profile = models.TextField("Ethnic profile", blank=True)
    source = models.CharField("Source of these figures", max_length=200, blank=True)
    as_at = models.DateField("As at", null=True, blank=True)

    class Meta:
        verbose_name = "profile section"
        ordering = ["profile_id", "category"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "category"], name="profiles_one_section_per_category"),
            models.CheckConstraint(
                condition=Q(category=CategoryKey.CONTEXT) | _empty(CONTEXT_FIELDS),
                name="profiles_context_fields_only_in_context",
                violation_error_message="Only the contextual map section has boundary, street and household fields.",
            ),
            models.CheckConstraint(
                condition=Q(category=CategoryKey.OVERVIEW) | _empty(OVERVIEW_FIELDS),
                name="profiles_overview_fields_only_in_overview",
                violation_error_message="Only the demographic overview section has age and ethnic profile fields.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} section of profile {self.profile_id}"

    @property
    def key(self) -> CategoryKey:
        return CategoryKey(self.category)

    def display_fields(self) -> tuple[str, ...]:
        return SECTION_FIELDS.get(self.key, ())
