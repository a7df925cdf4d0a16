"""The eight minimum categories of a neighbourhood profile (guide 2300–2339; part3 12583–12632).

One registry, keyed by ``CategoryKey``, so views, completeness, the tier-filtered selector, exports and history
all walk the same list. ``CATEGORIES`` is in the guide's order for display; code that wants one category asks
by key (``category(CategoryKey.HOUSING)``), by model (``category_of``) or by URL slug (``BY_SLUG``), never by
position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from profiles.models import (
    CategoryKey,
    CommunityGroup,
    ContactsSection,
    ContextSection,
    DemographicSection,
    DemographicSource,
    HousingItem,
    HousingSection,
    InfrastructurePoint,
    Item,
    KeyContact,
    LanguageSpoken,
    OverviewSection,
    PhysicalSection,
    PrioritiesSection,
    ProfilePart,
    SatisfactionSection,
    Section,
    SurveyResult,
)

SectionT = TypeVar("SectionT", bound=Section)
ItemT = TypeVar("ItemT", bound=Item)


@dataclass(frozen=True)
class ItemKind:
    slug: str  # in URLs
    model: type[Any]  # an Item subclass
    related_name: str  # on NeighbourhoodProfile
    title: str
    noun: str  # "a significant location"


@dataclass(frozen=True)
class Category:
    key: CategoryKey
    slug: str  # in URLs
    guide: str  # guide line references
    summary: str
    section_model: type[Any]  # a Section subclass
    section_related_name: str
    items: tuple[ItemKind, ...] = ()
    auto_filled: bool = False  # shows figures read from imported data
    read_elsewhere: bool = False  # content owned by another app (priorities)

    @property
    def number(self) -> int:
        """The guide's number for the category, as users see it."""
        return int(self.key)

    @property
    def title(self) -> str:
        return str(self.key.label)

    def item_kind(self, slug: str) -> ItemKind | None:
        return next((kind for kind in self.items if kind.slug == slug), None)


CATEGORIES: tuple[Category, ...] = (
    Category(
        CategoryKey.CONTEXT,
        "context",
        "guide 2307–2348",
        "Neighbourhood boundaries, broad geography and relationship to the surrounding area.",
        ContextSection,
        "context",
    ),
    Category(
        CategoryKey.DEMOGRAPHIC,
        "demographic",
        "guide 2310–2312, 2359–2379",
        "Deprivation figures from imported data, plus Mosaic, ACORN and local datasets.",
        DemographicSection,
        "demographic",
        (ItemKind("sources", DemographicSource, "sources", "Mosaic, ACORN and local datasets", "a data source"),),
        auto_filled=True,
    ),
    Category(
        CategoryKey.HOUSING,
        "housing",
        "guide 2314–2316, 2350–2357",
        "Housing types: local authority and housing association stock, NASS accommodation, HMOs, hostels.",
        HousingSection,
        "housing_section",
        (ItemKind("housing", HousingItem, "housing", "Housing", "a housing type"),),
    ),
    Category(
        CategoryKey.PHYSICAL,
        "physical",
        "guide 2384–2443",
        "Significant locations by category, on a map.",
        PhysicalSection,
        "physical",
        (ItemKind("points", InfrastructurePoint, "points", "Significant locations", "a significant location"),),
    ),
    Category(
        CategoryKey.HUMAN,
        "human",
        "guide 2446–2478",
        "Key contacts: partners, councillors, residents' groups, Neighbourhood Watch, faith and community contacts.",
        ContactsSection,
        "human",
        (ItemKind("contacts", KeyContact, "contacts", "Key contacts", "a key contact"),),
    ),
    Category(
        CategoryKey.PRIORITIES,
        "priorities",
        "guide 2326–2327, 2480–2491, 2734–2737",
        "Current priorities and what was done about previous ones, read from the priorities records.",
        PrioritiesSection,
        "priorities_section",
        read_elsewhere=True,
    ),
    Category(
        CategoryKey.SATISFACTION,
        "satisfaction",
        "guide 2329–2333, 2494–2510",
        "Survey results over time, including the headline confidence question.",
        SatisfactionSection,
        "satisfaction",
        (ItemKind("surveys", SurveyResult, "surveys", "Survey results", "a survey result"),),
    ),
    Category(
        CategoryKey.OVERVIEW,
        "overview",
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
BY_KEY: dict[CategoryKey, Category] = {category.key: category for category in CATEGORIES}
BY_SLUG = {category.slug: category for category in CATEGORIES}
SECTION_RELATED_NAMES = tuple(category.section_related_name for category in CATEGORIES)
ITEM_KINDS: dict[type[Item], ItemKind] = {kind.model: kind for category in CATEGORIES for kind in category.items}


def category_of(model: type[ProfilePart]) -> Category:
    """The category a section or item model belongs to."""
    return BY_KEY[model.CATEGORY]


@dataclass
class ProfileParts:
    """One profile's sections (by category) and items (by item-kind slug), as loaded or as a reader sees them.

    The typed accessors let code read a section's or an item's own fields without casts: ``section(ContextSection)``
    is a ``ContextSection | None``, ``items_of(HousingItem)`` a ``list[HousingItem]``.
    """

    sections: dict[CategoryKey, Section | None] = field(default_factory=dict)
    items: dict[str, list[Item]] = field(default_factory=dict)

    def section(self, model: type[SectionT]) -> SectionT | None:
        found = self.sections.get(model.CATEGORY)
        return found if isinstance(found, model) else None

    def items_of(self, model: type[ItemT]) -> list[ItemT]:
        return [item for item in self.items.get(ITEM_KINDS[model].slug, []) if isinstance(item, model)]
