"""What every profile section and item shares: a tier, police-only notes, a version and history.

Guide: the profile has a public version and a more detailed "police eyes only" version (part1 §2.2,
guide 2848–2855); the issue's defaults are "contacts' personal data and notes are police only; aggregates are
public". So each part has a ``tier`` (who may see it at all) and a ``restricted_tier`` (who may see its notes
and, for contacts, the personal details), police-only by default.
"""

from __future__ import annotations

from typing import Self

from django.db import models

from core.parts import TieredPart, json_value, tier_field
from geography.scoping import NeighbourhoodScopedQuerySet

__all__ = ["CategoryKey", "ProfilePart", "ProfilePartQuerySet", "json_value", "tier_field"]


class CategoryKey(models.IntegerChoices):
    """The guide's eight minimum categories (guide 2300–2339), valued by the guide's own numbers.

    Code names a category by its key (``CategoryKey.HOUSING``), never by its place in a list. The number is the
    one users see ("category 3 of 8"); ``profiles.categories.CATEGORIES`` says everything else about each.
    """

    CONTEXT = 1, "Contextual map"
    DEMOGRAPHIC = 2, "Demographic data (general)"
    HOUSING = 3, "Demographic data (housing)"
    PHYSICAL = 4, "Infrastructure (physical)"
    HUMAN = 5, "Infrastructure (human)"
    PRIORITIES = 6, "Neighbourhood priorities"
    SATISFACTION = 7, "Satisfaction, confidence and fear of crime"
    OVERVIEW = 8, "Demographic characteristics (overview)"


class ProfilePartQuerySet(NeighbourhoodScopedQuerySet):
    neighbourhood_path = "profile__neighbourhood"

    def at_most(self, tier: int) -> Self:
        """Parts a reader of TIER may see at all (their restricted fields are a separate check)."""
        return self.filter(tier__lte=tier)


class ProfilePart(TieredPart):
    """Abstract base of sections (``ProfileSection``) and items; the behaviour is ``core.parts.TieredPart``."""

    objects = ProfilePartQuerySet.as_manager()

    class Meta:
        abstract = True
