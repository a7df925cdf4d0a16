"""How complete each category is (complete, partial, empty) and the profile's overall percentage.

So a sergeant sees at a glance which neighbourhoods lack what. The rules, per category, are simple and named
here; the minimums come from the guide's lists for each category (part1 §2.2, guide 2300–2531):

1. Contextual map: complete with how and when the boundary was agreed, streets or open spaces, and households.
2. Demographic (general): complete with imported deprivation figures and at least one officer-entered source.
3. Housing: complete when local authority stock, housing association stock and NASS accommodation are each
   recorded (guide 2314–2316); a recorded count of 0 counts as recorded.
4. Physical infrastructure: complete with locations in at least three of the guide's nine categories.
5. Key contacts: complete with at least three kinds of contact (partners, councillors, residents, ...).
6. Priorities: complete with at least one current priority (read from the priorities app).
7. Satisfaction: complete with a headline-question result in the last 12 months and at least two survey dates
   (a trend needs two points).
8. Overview: complete with an age profile, an ethnic profile, a language and a group.
Partial means something is recorded but not the minimum; empty means nothing is.
Facts are counted at the police tier: completeness is shown to police users only.

One path: the profile page and the index both gather ``Facts`` with ``facts_from`` from the parts a police
reader sees (``ProfileParts``), and judge them with ``levels``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from engagement.selectors import CommunityGroup, KeyContact, SurveyResult
from profiles.categories import ProfileParts
from profiles.models import CategoryKey, DemographicSource, HousingItem, InfrastructurePoint, LanguageSpoken


class Level(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    EMPTY = "empty"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def score(self) -> float:
        return {Level.COMPLETE: 1.0, Level.PARTIAL: 0.5, Level.EMPTY: 0.0}[self]


MIN_POINT_CATEGORIES = 3
MIN_CONTACT_KINDS = 3
HEADLINE_WITHIN_DAYS = 365


@dataclass
class Facts:
    """What is recorded in one profile, enough to judge completeness."""

    boundary_agreement: bool = False
    boundary_agreed_on: bool = False
    streets_or_open_spaces: bool = False
    households: bool = False
    deprivation: bool = False
    sources: int = 0
    housing_kinds: set[str] = field(default_factory=set)
    point_kinds: set[str] = field(default_factory=set)
    contact_kinds: set[str] = field(default_factory=set)
    current_priorities: int = 0
    survey_results: int = 0
    survey_dates: int = 0
    latest_headline: dt.date | None = None
    age_profile: bool = False
    ethnic_profile: bool = False
    languages: int = 0
    groups: int = 0


def facts_from(parts: ProfileParts, *, deprivation: bool, current_priorities: int) -> Facts:
    """What PARTS (one profile as a police reader sees it) record, with whether the neighbourhood has imported
    deprivation figures and how many current priorities the priorities app holds for it.
    """
    context, overview = parts.section(CategoryKey.CONTEXT), parts.section(CategoryKey.OVERVIEW)
    surveys = parts.items_of(SurveyResult)
    headline = [result.surveyed_on for result in surveys if result.is_headline]
    return Facts(
        boundary_agreement=bool(context and context.boundary_agreement.strip()),
        boundary_agreed_on=bool(context and context.boundary_agreed_on is not None),
        streets_or_open_spaces=bool(context and (context.streets.strip() or context.open_spaces.strip())),
        households=bool(context and context.households is not None),
        deprivation=deprivation,
        sources=len(parts.items_of(DemographicSource)),
        housing_kinds={item.kind for item in parts.items_of(HousingItem)},
        point_kinds={item.kind for item in parts.items_of(InfrastructurePoint)},
        contact_kinds={item.kind for item in parts.items_of(KeyContact)},
        current_priorities=current_priorities,
        survey_results=len(surveys),
        survey_dates=len({result.surveyed_on for result in surveys}),
        latest_headline=max(headline) if headline else None,
        age_profile=bool(overview and overview.age_profile.strip()),
        ethnic_profile=bool(overview and overview.ethnic_profile.strip()),
        languages=len(parts.items_of(LanguageSpoken)),
        groups=len(parts.items_of(CommunityGroup)),
    )


def _level(complete: bool, anything: bool) -> Level:
    if complete:
        return Level.COMPLETE
    return Level.PARTIAL if anything else Level.EMPTY


def levels(facts: Facts, *, today: dt.date) -> dict[CategoryKey, Level]:
    """Each category's completeness level."""
    context = [facts.boundary_agreement, facts.boundary_agreed_on, facts.streets_or_open_spaces, facts.households]
    recent_headline = facts.latest_headline is not None and (today - facts.latest_headline).days <= HEADLINE_WITHIN_DAYS
    overview = [facts.age_profile, facts.ethnic_profile, facts.languages > 0, facts.groups > 0]
    return {
        CategoryKey.CONTEXT: _level(all(context), any(context)),
        CategoryKey.DEMOGRAPHIC: _level(
            facts.deprivation and facts.sources > 0, facts.deprivation or facts.sources > 0
        ),
        CategoryKey.HOUSING: _level(HousingItem.REQUIRED_KINDS <= facts.housing_kinds, bool(facts.housing_kinds)),
        CategoryKey.PHYSICAL: _level(len(facts.point_kinds) >= MIN_POINT_CATEGORIES, bool(facts.point_kinds)),
        CategoryKey.HUMAN: _level(len(facts.contact_kinds) >= MIN_CONTACT_KINDS, bool(facts.contact_kinds)),
        CategoryKey.PRIORITIES: _level(facts.current_priorities > 0, facts.current_priorities > 0),
        CategoryKey.SATISFACTION: _level(recent_headline and facts.survey_dates >= 2, facts.survey_results > 0),
        CategoryKey.OVERVIEW: _level(all(overview), any(overview)),
    }


def percentage(by_category: dict[CategoryKey, Level]) -> int:
    """Overall completeness: complete counts 1, partial a half, empty 0, over all the categories."""
    return round(100 * sum(by_category[key].score for key in CategoryKey) / len(CategoryKey))
