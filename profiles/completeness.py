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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


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


def _level(complete: bool, anything: bool) -> Level:
    if complete:
        return Level.COMPLETE
    return Level.PARTIAL if anything else Level.EMPTY


def levels(facts: Facts, *, today: dt.date) -> dict[int, Level]:
    """Category number -> completeness level."""
    from profiles.models import HousingItem

    context = [facts.boundary_agreement, facts.boundary_agreed_on, facts.streets_or_open_spaces, facts.households]
    recent_headline = facts.latest_headline is not None and (today - facts.latest_headline).days <= HEADLINE_WITHIN_DAYS
    overview = [facts.age_profile, facts.ethnic_profile, facts.languages > 0, facts.groups > 0]
    return {
        1: _level(all(context), any(context)),
        2: _level(facts.deprivation and facts.sources > 0, facts.deprivation or facts.sources > 0),
        3: _level(HousingItem.REQUIRED_KINDS <= facts.housing_kinds, bool(facts.housing_kinds)),
        4: _level(len(facts.point_kinds) >= MIN_POINT_CATEGORIES, bool(facts.point_kinds)),
        5: _level(len(facts.contact_kinds) >= MIN_CONTACT_KINDS, bool(facts.contact_kinds)),
        6: _level(facts.current_priorities > 0, facts.current_priorities > 0),
        7: _level(recent_headline and facts.survey_dates >= 2, facts.survey_results > 0),
        8: _level(all(overview), any(overview)),
    }


def percentage(by_category: dict[int, Level]) -> int:
    """Overall completeness: complete counts 1, partial a half, empty 0, over the eight categories."""
    return round(100 * sum(level.score for level in by_category.values()) / 8)
