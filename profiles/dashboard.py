"""The profile index as a dashboard: review due dates, overdue flags and completeness per category.

Officers and sergeants see their editable neighbourhoods by default (the team and sergeant dashboards are this
index filtered to what the user edits); anyone may switch to every neighbourhood they can read. Completeness
is judged by the profile page's own path (``completeness.facts_from``), on parts loaded in bulk: a fixed number
of queries, however many neighbourhoods are listed. Priorities are read per neighbourhood through
``selectors.priorities_for``; the priorities app has no selector yet, so that costs no query today (when it
lands, it should give the index a bulk reader).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from core.tiers import Tier
from geography.deprivation import neighbourhoods_with_deprivation
from geography.models import Neighbourhood
from profiles.categories import CATEGORIES, ProfileParts
from profiles.completeness import Facts, Level, facts_from, levels, percentage
from profiles.models import CategoryKey, Item, NeighbourhoodProfile, ProfileSection
from profiles.selectors import category_views, current_priority_counts, parts_of


@dataclass
class IndexRow:
    neighbourhood: Neighbourhood
    profile: NeighbourhoodProfile | None
    due_on: dt.date | None = None
    overdue: bool = False
    levels: dict[CategoryKey, Level] = field(default_factory=dict)
    percentage: int | None = None

    @property
    def started(self) -> bool:
        return self.profile is not None


def police_parts(profiles: list[NeighbourhoodProfile]) -> dict[int, ProfileParts]:
    """Each profile's parts as a police reader sees them, in one query for the sections and one per item kind,
    however many profiles.
    """
    items: dict[int, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    sections: dict[int, dict[CategoryKey, ProfileSection | None]] = defaultdict(dict)
    ids = [profile.pk for profile in profiles]
    for section in ProfileSection.objects.filter(profile_id__in=ids):
        sections[section.profile_id][CategoryKey(section.category)] = section
    for category in CATEGORIES:
        for kind in category.items:
            for item in kind.model.objects.filter(profile_id__in=ids).at_most(Tier.POLICE):
                items[item.profile_id][kind.slug].append(item)
    parts = {}
    for profile in profiles:
        loaded = ProfileParts(
            sections={c.key: sections[profile.pk].get(c.key) for c in CATEGORIES},
            items=dict(items[profile.pk]),
        )
        # The same tier filter as the profile page, so both count exactly what a police reader sees.
        parts[profile.pk] = parts_of(category_views(loaded, Tier.POLICE))
    return parts


def index_rows(
    neighbourhoods: QuerySet[Neighbourhood], *, with_completeness: bool, overdue_only: bool = False
) -> list[IndexRow]:
    """One row per neighbourhood, with its review status and (for police readers) completeness.

    Completeness is judged as on the profile page (``facts_from`` then ``levels``), from the same parts, the
    same deprivation rule and the same priorities reader.
    """
    listed = list(neighbourhoods.select_related("force", "profile"))
    today = timezone.localdate()
    rows = []
    for neighbourhood in listed:
        profile = getattr(neighbourhood, "profile", None)
        row = IndexRow(neighbourhood, profile)
        if profile is not None:
            row.due_on = profile.review_due_on()
            row.overdue = profile.is_review_overdue(today)
        rows.append(row)
    if with_completeness:
        figures = neighbourhoods_with_deprivation([row.neighbourhood.pk for row in rows])
        parts = police_parts([row.profile for row in rows if row.profile is not None])
        current = current_priority_counts([row.neighbourhood.pk for row in rows], Tier.POLICE)
        for row in rows:
            facts: Facts = facts_from(
                parts[row.profile.pk] if row.profile else ProfileParts(),
                deprivation=row.neighbourhood.pk in figures,
                current_priorities=current.get(row.neighbourhood.pk, 0),
            )
            by_category = levels(facts, today=today)
            row.levels, row.percentage = by_category, percentage(by_category)
    if overdue_only:
        rows = [row for row in rows if row.overdue or not row.started]
    return rows
