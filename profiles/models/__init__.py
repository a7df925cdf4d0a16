"""Profile models, split by kind (house style: past ~500 lines a models module becomes a package)."""

from profiles.models.base import CategoryKey, ProfilePart, ProfilePartQuerySet
from profiles.models.items import (
    HEADLINE_QUESTION,
    ITEM_MODELS,
    Cadence,
    CommunityGroup,
    DemographicSource,
    HousingItem,
    InfrastructurePoint,
    Item,
    KeyContact,
    LanguageSpoken,
    SurveyResult,
)
from profiles.models.profile import NeighbourhoodProfile, ProfileReview, ProfileSnapshot, add_months
from profiles.models.sections import SECTION_FIELDS, ProfileSection

__all__ = [
    "HEADLINE_QUESTION",
    "ITEM_MODELS",
    "SECTION_FIELDS",
    "Cadence",
    "CategoryKey",
    "CommunityGroup",
    "DemographicSource",
    "HousingItem",
    "InfrastructurePoint",
    "Item",
    "KeyContact",
    "LanguageSpoken",
    "NeighbourhoodProfile",
    "ProfilePart",
    "ProfilePartQuerySet",
    "ProfileReview",
    "ProfileSection",
    "ProfileSnapshot",
    "SurveyResult",
    "add_months",
]
