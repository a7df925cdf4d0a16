"""The optional community inputs of a score: community concern, and the confidence-survey deficit.

Concern is read through the feature apps' selectors only (``[tool.importlinter]``): the people who raised an
open concern (one no priority has taken up) in the last ``window_months`` months, plus the neighbourhood's
current (active) priorities, per 1,000 residents (guide 1239-1251: deployment from vulnerability,
deprivation *and community concern*). Concerns and priorities belong to neighbourhoods, not LSOAs, so an
LSOA takes the rate of the neighbourhoods it is in, weighted by membership.

The confidence-survey deficit reads engagement's survey results (profile category 7; guide 2494-2510) through
``engagement.selectors``: per neighbourhood, the latest "confidence" result surveyed in the last
``SURVEY_MONTHS`` months (the headline question first when two share a date), as 100 minus the percentage
agreeing, so higher means more need like every other component. A neighbourhood with no such result is
missing, never scored as if the deficit were 0; an LSOA takes its neighbourhoods' value like concern.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.tiers import Tier
from engagement.event_selectors import open_concern_counts
from engagement.selectors import SurveyResult
from priorities.selectors import current_priority_counts

SURVEY_MONTHS = 24
SURVEY_NOTE = (
    "Confidence survey deficit: 100 minus the % agreeing in the neighbourhood's latest confidence survey result "
    f"of the last {SURVEY_MONTHS} months (the headline question first); a neighbourhood without one is missing, "
    "and an LSOA takes its neighbourhoods' value."
)


def concern_rates(
    *, residents: dict[int, float | None], months: int, now: dt.datetime | None = None
) -> dict[int, float | None]:
    """Per neighbourhood (keys of RESIDENTS): open concerns' people plus current priorities per 1,000 residents."""
    ids = sorted(residents)
    since = (now or timezone.now()) - dt.timedelta(days=round(months * 365.25 / 12))
    concerns = open_concern_counts(neighbourhood_ids=ids, since=since)
    priorities = current_priority_counts(neighbourhood_ids=ids, tier=Tier.POLICE)  # a job sees every tier
    return {
        pk: None if not residents[pk] else 1000.0 * (concerns.get(pk, 0) + priorities.get(pk, 0)) / residents[pk]  # type: ignore[operator]
        for pk in ids
    }


def lsoa_concern_rates(
    rates: dict[int, float | None], memberships: dict[int, list[tuple[int, float]]]
) -> dict[int, float | None]:
    """Each LSOA's membership-weighted mean of its neighbourhoods' rates (MEMBERSHIPS: neighbourhood -> members).

    An LSOA in a neighbourhood without a rate, or in none, has no value.
    """
    parts: dict[int, list[tuple[float, float | None]]] = {}
    for neighbourhood, members in memberships.items():
        for lsoa, weight in members:
            parts.setdefault(lsoa, []).append((weight, rates.get(neighbourhood)))
    result: dict[int, float | None] = {}
    for lsoa, values in parts.items():
        total = sum(w for w, _ in values)
        if not total or any(v is None for _, v in values):
            result[lsoa] = None
        else:
            result[lsoa] = sum(w * v for w, v in values if v is not None) / total
    return result


def survey_deficits(*, neighbourhood_ids: list[int], now: dt.datetime | None = None) -> dict[int, float | None]:
    """Per neighbourhood: 100 - the latest confidence result (%) of the last SURVEY_MONTHS months, or None.

    One query. A job sees every tier (like the concern counts): the score is police-tier itself.
    """
    today = (now or timezone.now()).date()
    since = today - dt.timedelta(days=round(SURVEY_MONTHS * 365.25 / 12))
    rows = (
        SurveyResult.objects.filter(
            profile__neighbourhood_id__in=neighbourhood_ids,
            measure=SurveyResult.Measure.CONFIDENCE,
            surveyed_on__gte=since,
            surveyed_on__lte=today,
        )
        .order_by("profile__neighbourhood_id", "-surveyed_on", "-is_headline", "-pk")
        .values_list("profile__neighbourhood_id", "value")
    )
    latest: dict[int, float | None] = dict.fromkeys(neighbourhood_ids)
    seen: set[int] = set()
    for neighbourhood_id, value in rows:
        if neighbourhood_id not in seen:  # rows come newest first within each neighbourhood
            seen.add(neighbourhood_id)
            latest[neighbourhood_id] = 100.0 - float(value)
    return latest
