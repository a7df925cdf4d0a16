"""The eight minimum categories of a neighbourhood profile (guide 2300–2339; part3 12583–12632).

One registry, keyed by ``CategoryKey``, so views, completeness, the tier-filtered selector, exports and history
all walk the same list. ``CATEGORIES`` is in the guide's order for display; code that wants one category asks
by key (``BY_KEY[CategoryKey.HOUSING]``), by item model (``category_of``) or by URL slug (``BY_SLUG``), never
by position. Every category's section is a ``ProfileSection`` row (ADR 0005) with the fields ``section_fields``
names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from engagement import selectors as engagement
from profiles.models import (
    SECTION_FIELDS,
    CategoryKey,
    DemographicSource,
    HousingItem,
    InfrastructurePoint,
    Item,
    LanguageSpoken,
    ProfileSection,
)

ItemT = TypeVar("ItemT", bound=Any)


@dataclass(frozen=True)
class ItemKind:
    slug: str  # in URLs
    model: type[Any]  # an Item subclass
    related_name: str  # on NeighbourhoodProfile
    title: str
    noun: str  # "a significant location"
    # How the live profile reads this kind: None for the profile's own items; engagement's selector for the
    # contacts, survey results and groups engagement owns (issue 9: "the profile reads them through selectors").
    read: Callable[..., Any] | None = None


@dataclass(frozen=True)
class Category:
    key: CategoryKey
    slug: str  # in URLs
    guide: str  # guide line references
    summary: str
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

    @property
    def section_fields(self) -> tuple[str, ...]:
        """The category's own section fields (categories 1 and 8 have some), shown and edited in this order.

        Forms, the JSON export and comparison read these; every section also has notes and its two tiers.
        """
        return SECTION_FIELDS.get(self.key, ())

    def item_kind(self, slug: str) -> ItemKind | None:
        return next((kind for kind in self.items if kind.slug == slug), None)


CATEGORIES: tuple[Category, ...] = (
    Category(
        CategoryKey.CONTEXT,
        "context",
        "guide 2307–2348",
        "Neighbourhood boundaries, broad geography and relationship to the surrounding area.",
    ),
    Category(
        CategoryKey.DEMOGRAPHIC,
        "demographic",
        "guide 2310–2312, 2359–2379",
        "Deprivation figures from imported data, plus Mosaic, ACORN and local datasets.",
        (ItemKind("sources", DemographicSource, "sources", "Mosaic, ACORN and local datasets", "a data source"),),
        auto_filled=True,
    ),
    Category(
        CategoryKey.HOUSING,
        "housing",
        "guide 2314–2316, 2350–2357",
        "Housing types: local authority and housing association stock, NASS accommodation, HMOs, hostels.",
        (ItemKind("housing", HousingItem, "housing", "Housing", "a housing type"),),
    ),
    Category(
        CategoryKey.PHYSICAL,
        "physical",
        "guide 2384–2443",
        "Significant locations by category, on a map.",
        (ItemKind("points", InfrastructurePoint, "points", "Significant locations", "a significant location"),),
    ),
    Category(
        CategoryKey.HUMAN,
        "human",
        "guide 2446–2478",
        "Key contacts: partners, councillors, residents' groups, Neighbourhood Watch, faith and community contacts.",
        (
            ItemKind(
                "contacts", engagement.KeyContact, "contacts", "Key contacts", "a key contact", engagement.contacts_of
            ),
        ),
    ),
    Category(
        CategoryKey.PRIORITIES,
        "priorities",
        "guide 2326–2327, 2480–2491, 2734–2737",
        "Current priorities and what was done about previous ones, read from the priorities records.",
        read_elsewhere=True,
    ),
    Category(
        CategoryKey.SATISFACTION,
        "satisfaction",
        "guide 2329–2333, 2494–2510",
        "Survey results over time, including the headline confidence question.",
        (
            ItemKind(
                "surveys",
                engagement.SurveyResult,
                "surveys",
                "Survey results",
                "a survey result",
                engagement.surveys_of,
            ),
        ),
    ),
    Category(
        CategoryKey.OVERVIEW,
        "overview",
        "guide 2335–2339, 2512–2531; 12852",
        "Age and ethnic profile, languages, transient and vulnerable groups, new and emerging communities.",
        (
            ItemKind("languages", LanguageSpoken, "languages", "Languages spoken", "a language"),
            ItemKind(
                "groups", engagement.CommunityGroup, "groups", "Groups to engage", "a group", engagement.groups_of
            ),
        ),
    ),
)
BY_KEY: dict[CategoryKey, Category] = {category.key: category for category in CATEGORIES}
BY_SLUG = {category.slug: category for category in CATEGORIES}
ITEM_KINDS: dict[type[Any], ItemKind] = {kind.model: kind for category in CATEGORIES for kind in category.items}


def category_of(model: type[Any]) -> Category:
    """The category an item model belongs to (a section's category is its ``category`` column)."""
    return BY_KEY[CategoryKey(model.CATEGORY)]


def next_category(category: Category) -> Category | None:
    """The category after CATEGORY in the guide's order, or None after the last one."""
    following = iter(CATEGORIES)
    for each in following:
        if each.key == category.key:
            return next(following, None)
    return None


@dataclass
class ProfileParts:
    """One profile's sections (by category) and items (by item-kind slug), as loaded or as a reader sees them.

    The typed accessors let code read a section's or an item's own fields without casts:
    ``section(CategoryKey.CONTEXT)`` is a ``ProfileSection | None``, ``items_of(HousingItem)`` a
    ``list[HousingItem]``.
    """

    sections: dict[CategoryKey, ProfileSection | None] = field(default_factory=dict)
    items: dict[str, list[Item]] = field(default_factory=dict)

    def section(self, key: CategoryKey) -> ProfileSection | None:
        return self.sections.get(key)

    def items_of(self, model: type[ItemT]) -> list[ItemT]:
        return [item for item in self.items.get(ITEM_KINDS[model].slug, []) if isinstance(item, model)]
