"""Reading profiles: the one tier-filtered way in.

``profile_for(viewer, neighbourhood)`` returns only what a reader of ``max_tier(viewer)`` (or of the tier given)
may see: sections above the tier are hidden with everything in them, items above it are dropped, and
restricted fields (notes; a contact's personal details) are blanked on a copy unless the reader's tier reaches
``restricted_tier``. The profile page, the print view, the JSON export and any later partner portal or public
API read through it (architecture, "Tier"). Pass ``as_of`` to read the profile as it stood at that moment
(django-simple-history).

Scope (which neighbourhoods a user may read at all) is the caller's job: start from
``Neighbourhood.objects.visible_to(user)``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.tiers import max_tier
from core.tiers import Tier
from engagement.selectors import CommunityGroup
from geography.deprivation import DeprivationSummary, deprivation_for
from geography.models import Neighbourhood
from profiles.categories import CATEGORIES, Category, ItemKind, ProfileParts
from profiles.completeness import Facts, Level, facts_from, levels, percentage
from profiles.models import (
    CategoryKey,
    Item,
    NeighbourhoodProfile,
    ProfileSection,
    ProfileSnapshot,
)
from profiles.trends import Trend, survey_trends

PRIORITIES_NOTE = "No priorities recorded yet."


@dataclass
class PrioritiesView:
    """Category 6, read from the priorities app (which owns priorities; the profile never copies them)."""

    current: list[Any] = field(default_factory=list)
    previous: list[Any] = field(default_factory=list)
    note: str = PRIORITIES_NOTE


@dataclass
class CategoryView:
    category: Category
    section: ProfileSection | None  # None: no profile yet, or the section is above the reader's tier
    hidden: bool
    items: dict[str, list[Item]]
    level: Level | None = None

    @property
    def number(self) -> int:
        return self.category.number

    @property
    def slug(self) -> str:
        return self.category.slug

    @property
    def item_groups(self) -> list[tuple[ItemKind, list[Item]]]:
        return [(kind, self.items.get(kind.slug, [])) for kind in self.category.items]

    @property
    def trends(self) -> list[Trend]:
        return survey_trends(self.items.get("surveys", []))


@dataclass
class ProfileView:
    neighbourhood: Neighbourhood
    profile: NeighbourhoodProfile | None
    tier: Tier
    as_of: dt.datetime | None
    categories: list[CategoryView]
    deprivation: DeprivationSummary | None  # None: hidden, or no figures recorded at as_of
    deprivation_as_at: dt.datetime | None  # when the figures were read (now, or the snapshot's time)
    priorities: PrioritiesView
    percentage: int | None = None

    def category(self, which: CategoryKey | str) -> CategoryView:
        """The view of one category, by key or by URL slug."""
        if isinstance(which, CategoryKey):
            return next(view for view in self.categories if view.category.key == which)
        return next(view for view in self.categories if view.slug == which)

    @property
    def parts(self) -> ProfileParts:
        """What this reader sees, by category and item kind (hidden sections are None, their items dropped)."""
        return parts_of(self.categories)

    def as_dict(self) -> dict[str, Any]:
        """JSON export: everything the reader may see, nothing more."""
        return {
            "neighbourhood": {
                "id": self.neighbourhood.pk,
                "code": self.neighbourhood.code,
                "name": self.neighbourhood.name,
            },
            "tier": Tier(self.tier).label,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "categories": [
                {
                    "number": view.number,
                    "slug": view.slug,
                    "title": view.category.title,
                    "hidden": view.hidden,
                    "section": view.section.as_dict() if view.section is not None else None,
                    "items": {slug: [item.as_dict() for item in items] for slug, items in view.items.items()},
                }
                for view in self.categories
            ],
            "deprivation": self.deprivation.as_dict() if self.deprivation is not None else None,
            "deprivation_as_at": self.deprivation_as_at.isoformat() if self.deprivation_as_at else None,
            "priorities": {"current": [], "previous": [], "note": self.priorities.note},
        }


def reader_tier(viewer: Any) -> Tier:
    """The tier to read at: VIEWER may be a Tier (or int), a user, or None (anonymous: public)."""
    if isinstance(viewer, int):
        return Tier(viewer)
    if viewer is None:
        return Tier.PUBLIC
    if isinstance(viewer, AnonymousUser):
        return max_tier(viewer)
    return Tier(max_tier(viewer))


# The tiers a reader may ask to read at (?tier= on export.json and the API), never above their own.
ASKABLE_TIERS = {"public": Tier.PUBLIC, "partner": Tier.PARTNER, "police": Tier.POLICE}


def asked_tier(viewer: Any, asked: str | None) -> Tier:
    """VIEWER's tier, lowered to ASKED (a key of ASKABLE_TIERS) when given; an unknown name leaves it as is."""
    tier = reader_tier(viewer)
    lower = ASKABLE_TIERS.get(asked or "")
    return tier if lower is None else min(tier, lower)


def priorities_for(neighbourhood: Neighbourhood, tier: Tier) -> PrioritiesView:
    """Current and previous priorities from the priorities app, when it provides a selector for them.

    The contract (ADR 0004): ``priorities.selectors.priorities_for_profile(neighbourhood=, tier=)`` returns
    ``(current, previous)``. Until the app has it, there are none, and category 6 counts as empty.
    """
    try:
        module = importlib.import_module("priorities.selectors")
    except ImportError:
        return PrioritiesView()
    read = getattr(module, "priorities_for_profile", None)
    if read is None:
        return PrioritiesView()
    current, previous = read(neighbourhood=neighbourhood, tier=tier)
    note = "" if current or previous else PRIORITIES_NOTE
    return PrioritiesView(current=list(current), previous=list(previous), note=note)


def current_priority_counts(neighbourhood_ids: list[int], tier: Tier) -> dict[int, int]:
    """How many current priorities each neighbourhood has, in one query (the profile index's completeness)."""
    try:
        module = importlib.import_module("priorities.selectors")
    except ImportError:
        return {}
    count = getattr(module, "current_priority_counts", None)
    if count is None:
        return {}
    return dict(count(neighbourhood_ids=neighbourhood_ids, tier=tier))


def _by_category(sections: Any) -> dict[CategoryKey, ProfileSection | None]:
    """SECTIONS (one profile's) by category; a category without a section row maps to None. Where a category
    has more than one (as-at reads keep both records of saves in the same instant), the last one wins.
    """
    found = {CategoryKey(section.category): section for section in sections}
    return {category.key: found.get(category.key) for category in CATEGORIES}


def _live_parts(neighbourhood: Neighbourhood, tier: Tier) -> tuple[NeighbourhoodProfile | None, ProfileParts]:
    profile = NeighbourhoodProfile.objects.filter(neighbourhood=neighbourhood).first()
    parts = ProfileParts()
    if profile is None:
        return None, parts
    profile.neighbourhood = neighbourhood  # already loaded, with its force
    # One query for the eight sections (ADR 0005); who changed each is shown on the page.
    parts.sections = _by_category(ProfileSection.objects.filter(profile=profile).select_related("updated_by"))
    for category in CATEGORIES:
        for kind in category.items:
            if kind.read is not None:
                parts.items[kind.slug] = list(kind.read(profile=profile, tier=tier))
            else:
                parts.items[kind.slug] = list(kind.model.objects.filter(profile=profile).at_most(tier))
    return profile, parts


def _historical_parts(neighbourhood: Neighbourhood, tier: Tier, when: dt.datetime) -> tuple[Any, ProfileParts]:
    profile = NeighbourhoodProfile.history.as_of(when).filter(neighbourhood_id=neighbourhood.pk).first()
    parts = ProfileParts()
    if profile is None:
        return None, parts
    # Oldest first, so that of two records saved in the same instant the later (higher history_id) wins.
    records = ProfileSection.history.as_of(when).filter(profile_id=profile.pk).order_by("history_date", "history_id")
    parts.sections = _by_category(records)
    for category in CATEGORIES:
        for kind in category.items:
            ordering = kind.model._meta.ordering
            queryset = kind.model.history.as_of(when).filter(profile_id=profile.pk, tier__lte=tier)
            parts.items[kind.slug] = list(queryset.order_by(*ordering))
    return profile, parts


def category_views(parts: ProfileParts, tier: Tier) -> list[CategoryView]:
    """PARTS as a reader of TIER sees them, category by category: a section above the tier hides everything in
    it; items above the tier are dropped; restricted fields are blanked on copies.
    """
    views = []
    for category in CATEGORIES:
        section = parts.sections.get(category.key)
        hidden = section is not None and section.tier > tier
        visible_items: dict[str, list[Item]] = {}
        for kind in category.items:
            kept = [] if hidden else [item.redacted_for(tier) for item in parts.items.get(kind.slug, [])]
            visible_items[kind.slug] = [item for item in kept if item is not None]
        visible_section = None if hidden or section is None else section.redacted_for(tier)
        views.append(CategoryView(category, visible_section, hidden, visible_items))
    return views


def parts_of(views: list[CategoryView]) -> ProfileParts:
    """The parts VIEWS show, by category and item kind."""
    return ProfileParts(
        sections={view.category.key: view.section for view in views},
        items={slug: items for view in views for slug, items in view.items.items()},
    )


def profile_for(viewer: Any, neighbourhood: Neighbourhood, *, as_of: dt.datetime | None = None) -> ProfileView:
    """NEIGHBOURHOOD's profile as a reader of VIEWER's tier may see it, now or AS_OF a moment in the past."""
    tier = reader_tier(viewer)
    if as_of is None:
        profile, parts = _live_parts(neighbourhood, tier)
    else:
        profile, parts = _historical_parts(neighbourhood, tier, as_of)
    views = category_views(parts, tier)
    view = ProfileView(neighbourhood, profile, tier, as_of, views, None, None, priorities_for(neighbourhood, tier))
    if not view.category(CategoryKey.DEMOGRAPHIC).hidden:
        if as_of is None:
            view.deprivation, view.deprivation_as_at = deprivation_for(neighbourhood), timezone.now()
        elif profile is not None:
            view.deprivation, view.deprivation_as_at = _deprivation_as_of(profile.pk, as_of)
    if tier >= Tier.POLICE:
        by_category = levels(facts_from_view(view), today=timezone.localdate(as_of) if as_of else timezone.localdate())
        for category_view in views:
            category_view.level = by_category[category_view.category.key]
        view.percentage = percentage(by_category)
    return view


def _deprivation_as_of(profile_id: int, when: dt.datetime) -> tuple[DeprivationSummary | None, dt.datetime | None]:
    """Deprivation figures keep no history: the as-at view shows the latest snapshot taken by then."""
    snapshot = (
        ProfileSnapshot.objects.filter(profile_id=profile_id, taken_at__lte=when)
        .order_by("-taken_at")
        .only("taken_at", "data")
        .first()
    )
    if snapshot is None or not snapshot.data.get("deprivation"):
        return None, None
    return DeprivationSummary.from_dict(snapshot.data["deprivation"]), snapshot.taken_at


def facts_from_view(view: ProfileView) -> Facts:
    """Completeness facts from a police-tier view (the index gathers the same facts the same way)."""
    return facts_from(
        view.parts,
        deprivation=view.deprivation is not None and view.deprivation.available,
        current_priorities=len(view.priorities.current),
    )


def groups_to_engage(viewer: Any, neighbourhood: Neighbourhood) -> list[CommunityGroup]:
    """The profile's groups marked "to engage", tier-filtered: the engagement plan's gap check reads these."""
    return [group for group in profile_for(viewer, neighbourhood).parts.items_of(CommunityGroup) if group.to_engage]


# --- performance framework (issue 15) -------------------------------------------------------------------------


def review_currency(*, neighbourhood_ids: list[int], today: dt.date) -> dict[int, tuple[dt.datetime | None, bool]]:
    """Per neighbourhood with a profile: (last formal review, whether it is within the force's 3-6 month interval
    at TODAY; guide 2757–2760). Neighbourhoods without a profile are absent: no input, not "out of date". One query.
    """
    profiles = NeighbourhoodProfile.objects.filter(neighbourhood_id__in=neighbourhood_ids).select_related(
        "neighbourhood__force"
    )
    return {p.neighbourhood_id: (p.last_reviewed_at, not p.is_review_overdue(today)) for p in profiles}
