"""The eight minimum categories of a neighbourhood profile (guide 2300–2339; part3 12583–12632), in order.

One registry, so views, completeness, the tier-filtered selector, exports and history all walk the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from profiles.models import (
    CommunityGroup,
    ContactsSection,
    ContextSection,
    DemographicSection,
    DemographicSource,
    HousingItem,
    HousingSection,
    InfrastructurePoint,
    KeyContact,
    LanguageSpoken,
    OverviewSection,
    PhysicalSection,
    PrioritiesSection,
    SatisfactionSection,
    SurveyResult,
)


@dataclass(frozen=True)
class ItemKind:
    slug: str  # in URLs
    model: type[Any]  # an Item subclass
    related_name: str  # on NeighbourhoodProfile
    title: str
    noun: str  # "a significant location"


@dataclass(frozen=True)
class Category:
    number: int
    slug: str
    title: str
    guide: str  # guide line references
    summary: str
    section_model: type[Any]  # a Section subclass
    section_related_name: str
    items: tuple[ItemKind, ...] = ()
    auto_filled: bool = False  # shows figures read from imported data
    read_elsewhere: bool = False  # content owned by another app (priorities)

    def item_kind(self, slug: str) -> ItemKind | None:
        return next((kind for kind in self.items if kind.slug == slug), None)


CATEGORIES: tuple[Category, ...] = (
    Category(
        1,
        "context",
        "Contextual map",
        "guide 2307–2348",
        "Neighbourhood boundaries, broad geography and relationship to the surrounding area.",
        ContextSection,
        "context",
    ),
    Category(
        2,
        "demographic",
        "Demographic data (general)",
        "guide 2310–2312, 2359–2379",
        "Deprivation figures from imported data, plus Mosaic, ACORN and local datasets.",
        DemographicSection,
        "demographic",
        (ItemKind("sources", DemographicSource, "sources", "Mosaic, ACORN and local datasets", "a data source"),),
        auto_filled=True,
    ),
    Category(
        3,
        "housing",
        "Demographic data (housing)",
        "guide 2314–2316, 2350–2357",
        "Housing types: local authority and housing association stock, NASS accommodation, HMOs, hostels.",
        HousingSection,
        "housing_section",
        (ItemKind("housing", HousingItem, "housing", "Housing", "a housing type"),),
    ),
    Category(
        4,
        "physical",
        "Infrastructure (physical)",
        "guide 2384–2443",
        "Significant locations by category, on a map.",
        PhysicalSection,
        "physical",
        (ItemKind("points", InfrastructurePoint, "points", "Significant locations", "a significant location"),),
    ),
    Category(
        5,
        "human",
        "Infrastructure (human)",
        "guide 2446–2478",
        "Key contacts: partners, councillors, residents' groups, Neighbourhood Watch, faith and community contacts.",
        ContactsSection,
        "human",
        (ItemKind("contacts", KeyContact, "contacts", "Key contacts", "a key contact"),),
    ),
    Category(
        6,
        "priorities",
        "Neighbourhood priorities",
        "guide 2326–2327, 2480–2491, 2734–2737",
        "Current priorities and what was done about previous ones, read from the priorities records.",
        PrioritiesSection,
        "priorities_section",
        read_elsewhere=True,
    ),
    Category(
        7,
        "satisfaction",
        "Satisfaction, confidence and fear of crime",
        "guide 2329–2333, 2494–2510",
        "Survey results over time, including the headline confidence question.",
        SatisfactionSection,
        "satisfaction",
        (ItemKind("surveys", SurveyResult, "surveys", "Survey results", "a survey result"),),
    ),
    Category(
        8,
        "overview",
        "Demographic characteristics (overview)",
        "guide 2335–2339, 2512–2531; 12852",
        "Age and ethnic profile, languages, transient and vulnerable groups, new and emerging communities.",
        OverviewSection,
        "overview",
        (
            ItemKind("languages", LanguageSpoken, "languages", "Languages spoken", "a language"),
            ItemKind("groups", CommunityGroup, "groups", "Groups to engage", "a group"),
        ),
    ),
)
BY_SLUG = {category.slug: category for category in CATEGORIES}
SECTION_RELATED_NAMES = tuple(category.section_related_name for category in CATEGORIES)


def category_of(model: type) -> Category:
    """The category a section or item model belongs to."""
    return CATEGORIES[model.CATEGORY - 1]  # type: ignore[attr-defined]
