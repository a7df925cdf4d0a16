"""What a partner may see, read through the owning apps' selectors and cut to the partner's tier (issue 12).

Scope is the partner organisation's neighbourhoods (``Neighbourhood.objects.visible_to``: accounts'
``view_partner_areas`` capability); tier is ``accounts.tiers.max_tier``: partner tier while the organisation's
information-sharing agreement is in force, public tier once it lapses (guide 10991–10999). Partners get
depersonalised, aggregated crime only (guide 10633–10650), counted by the crime app.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from accounts.tiers import max_tier
from core.tiers import Tier
from crime.coverage import WindowCoverage, month_span
from crime.queries import crime_counts
from crime.summary import SOURCE, default_window, months_with_data
from engagement.event_selectors import upcoming_events_for_tier
from geography.models import Neighbourhood
from priorities.selectors import FeedbackRow, current_priority_counts, priorities_with_feedback
from problem_solving.selectors import PartnerPlan, plans_for_partner


def partner_neighbourhoods(user: Any) -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.visible_to(user).select_related("force").order_by("name")


def partner_tier(user: Any) -> Tier:
    """Never more than partner tier, whatever else the account holds: the portal shows nothing police-only."""
    return min(max_tier(user), Tier.PARTNER)


@dataclass(frozen=True)
class Summary:
    neighbourhood: Neighbourhood
    current_priorities: int


def summaries(user: Any) -> list[Summary]:
    hoods = list(partner_neighbourhoods(user))
    counts = current_priority_counts(neighbourhood_ids=[n.pk for n in hoods], tier=partner_tier(user))
    return [Summary(n, counts.get(n.pk, 0)) for n in hoods]


@dataclass(frozen=True)
class MonthCount:
    month: dt.date
    count: int | None  # None: no data for the month (never shown as 0)


@dataclass
class CrimeFigures:
    months: list[MonthCount] = field(default_factory=list)
    coverage: WindowCoverage | None = None
    source: str = SOURCE
    as_at: dt.date | None = None


def crime_figures(neighbourhood: Neighbourhood) -> CrimeFigures:
    """Monthly counts over the default window, through ``crime.queries.crime_counts``, with their coverage."""
    window = default_window(months_with_data())
    if window is None:
        return CrimeFigures()
    start, end = window
    counts = crime_counts(by=("month",), start=start, end=end, neighbourhoods=[neighbourhood.pk])
    covered = set(counts.months)
    months = [MonthCount(m, counts.get((m,), 0) if m in covered else None) for m in month_span(start, end)]
    return CrimeFigures(months=months, coverage=counts.coverage, as_at=end)


def feedback(user: Any, neighbourhood: Neighbourhood) -> list[FeedbackRow]:
    return priorities_with_feedback(neighbourhoods=[neighbourhood.pk], tier=partner_tier(user))


def events(user: Any, neighbourhood: Neighbourhood) -> Any:
    return upcoming_events_for_tier(neighbourhood=neighbourhood, tier=partner_tier(user))


def plan_summaries(user: Any, neighbourhood: Neighbourhood) -> list[PartnerPlan]:
    """Partner-tier SARA plan summaries for the neighbourhood (no drafts, no analysis notes, no intelligence
    actions): the problem-solving app's own selector, cut to the partner's organisation and tier.
    """
    return plans_for_partner(
        organisation_id=getattr(user, "organisation_id", None),
        neighbourhood_id=neighbourhood.pk,
        tier=partner_tier(user),
    )
