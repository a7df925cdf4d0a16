"""The profile index as a dashboard: review due dates, overdue flags and completeness per category.

Officers and sergeants see their editable neighbourhoods by default (the team and sergeant dashboards are this
index filtered to what the user edits); anyone may switch to every neighbourhood they can read. Completeness
is counted in bulk: a fixed number of queries, however many neighbourhoods are listed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from geography.models import DeprivationRecord, Neighbourhood, NeighbourhoodLSOA
from profiles.completeness import Facts, Level, levels, percentage
from profiles.models import (
    CommunityGroup,
    DemographicSource,
    HousingItem,
    InfrastructurePoint,
    KeyContact,
    LanguageSpoken,
    NeighbourhoodProfile,
    SurveyResult,
)


@dataclass
class IndexRow:
    neighbourhood: Neighbourhood
    profile: NeighbourhoodProfile | None
    due_on: dt.date | None = None
    overdue: bool = False
    levels: dict[int, Level] = field(default_factory=dict)
    percentage: int | None = None

    @property
    def started(self) -> bool:
        return self.profile is not None


def _kinds(model: Any, profile_ids: list[int], column: str = "kind") -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for profile_id, kind in (
        model.objects.filter(profile_id__in=profile_ids).values_list("profile_id", column).distinct()
    ):
        found[profile_id].add(kind)
    return found


def _counts(model: Any, profile_ids: list[int]) -> dict[int, int]:
    rows = model.objects.filter(profile_id__in=profile_ids).values("profile_id").annotate(n=Count("pk"))
    return {row["profile_id"]: row["n"] for row in rows}


def with_deprivation(neighbourhood_ids: list[int]) -> set[int]:
    """Which of these neighbourhoods have imported deprivation figures for any member LSOA (one query)."""
    return set(
        NeighbourhoodLSOA.objects.filter(
            neighbourhood_id__in=neighbourhood_ids, lsoa__in=DeprivationRecord.objects.values("lsoa_id")
        ).values_list("neighbourhood_id", flat=True)
    )


def bulk_facts(profiles: list[NeighbourhoodProfile], figures: set[int]) -> dict[int, Facts]:
    """Completeness facts for PROFILES (sections already loaded) at the police tier, in eight queries.

    FIGURES: ids of the neighbourhoods with deprivation figures (``with_deprivation``).
    """
    ids = [profile.pk for profile in profiles]
    sources = _counts(DemographicSource, ids)
    housing = _kinds(HousingItem, ids)
    points = _kinds(InfrastructurePoint, ids)
    contacts = _kinds(KeyContact, ids)
    languages = _counts(LanguageSpoken, ids)
    groups = _counts(CommunityGroup, ids)
    surveys = {
        row["profile_id"]: row
        for row in SurveyResult.objects.filter(profile_id__in=ids)
        .values("profile_id")
        .annotate(
            n=Count("pk"),
            dates=Count("surveyed_on", distinct=True),
            headline=Max("surveyed_on", filter=Q(is_headline=True)),
        )
    }
    facts = {}
    for profile in profiles:
        context, overview = getattr(profile, "context", None), getattr(profile, "overview", None)
        survey = surveys.get(profile.pk, {})
        facts[profile.pk] = Facts(
            boundary_agreement=bool(context and context.boundary_agreement.strip()),
            boundary_agreed_on=bool(context and context.boundary_agreed_on),
            streets_or_open_spaces=bool(context and (context.streets.strip() or context.open_spaces.strip())),
            households=bool(context and context.households is not None),
            deprivation=profile.neighbourhood_id in figures,
            sources=sources.get(profile.pk, 0),
            housing_kinds=housing.get(profile.pk, set()),
            point_kinds=points.get(profile.pk, set()),
            contact_kinds=contacts.get(profile.pk, set()),
            survey_results=survey.get("n", 0),
            survey_dates=survey.get("dates", 0),
            latest_headline=survey.get("headline"),
            age_profile=bool(overview and overview.age_profile.strip()),
            ethnic_profile=bool(overview and overview.ethnic_profile.strip()),
            languages=languages.get(profile.pk, 0),
            groups=groups.get(profile.pk, 0),
        )
    return facts


def index_rows(
    neighbourhoods: QuerySet[Neighbourhood], *, with_completeness: bool, overdue_only: bool = False
) -> list[IndexRow]:
    """One row per neighbourhood, with its review status and (for police readers) completeness."""
    listed = list(neighbourhoods.select_related("force", "profile", "profile__context", "profile__overview"))
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
        figures = with_deprivation([row.neighbourhood.pk for row in rows])
        facts = bulk_facts([row.profile for row in rows if row.profile is not None], figures)
        for row in rows:
            fact = facts[row.profile.pk] if row.profile else Facts(deprivation=row.neighbourhood.pk in figures)
            by_category = levels(fact, today=today)
            row.levels, row.percentage = by_category, percentage(by_category)
    if overdue_only:
        rows = [row for row in rows if row.overdue or not row.started]
    return rows
