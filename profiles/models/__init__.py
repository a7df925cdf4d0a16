"""Profile models, split by kind (house style: past ~500 lines a models module becomes a package)."""

from profiles.models.base import ProfilePart, ProfilePartQuerySet
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
from profiles.models.sections import (
    SECTION_MODELS,
    ContactsSection,
    ContextSection,
    DemographicSection,
    HousingSection,
    OverviewSection,
    PhysicalSection,
    PrioritiesSection,
    SatisfactionSection,
    Section,
)

__all__ = [
    "HEADLINE_QUESTION",
    "ITEM_MODELS",
    "SECTION_MODELS",
    "Cadence",
    "CommunityGroup",
    "ContactsSection",
    "ContextSection",
    "DemographicSection",
    "DemographicSource",
    "HousingItem",
    "HousingSection",
    "InfrastructurePoint",
    "Item",
    "KeyContact",
    "LanguageSpoken",
    "NeighbourhoodProfile",
    "OverviewSection",
    "PhysicalSection",
    "PrioritiesSection",
    "ProfilePart",
    "ProfilePartQuerySet",
    "ProfileReview",
    "ProfileSnapshot",
    "SatisfactionSection",
    "Section",
    "SurveyResult",
    "add_months",
]
