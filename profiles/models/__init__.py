"""Profile models, split by kind (house style: past ~500 lines a models module becomes a package)."""

from profiles.models.base import CategoryKey, ProfilePart, ProfilePartQuerySet
from profiles.models.items import (
    ITEM_MODELS,
    Cadence,
    DemographicSource,
    HousingItem,
    InfrastructurePoint,
    Item,
    LanguageSpoken,
)
from profiles.models.profile import NeighbourhoodProfile, ProfileReview, ProfileSnapshot, add_months
from profiles.models.sections import SECTION_FIELDS, ProfileSection

__all__ = [
    "ITEM_MODELS",
    "SECTION_FIELDS",
    "Cadence",
    "CategoryKey",
    "DemographicSource",
    "HousingItem",
    "InfrastructurePoint",
    "Item",
    "LanguageSpoken",
    "NeighbourhoodProfile",
    "ProfilePart",
    "ProfilePartQuerySet",
    "ProfileReview",
    "ProfileSection",
    "ProfileSnapshot",
    "add_months",
]
