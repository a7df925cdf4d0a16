"""What a partner may see, read through the owning apps' selectors and cut to the partner's tier (issue 12).

Scope is the partner organisation's neighbourhoods (``Neighbourhood.objects.visible_to``: accounts'
``view_partner_areas`` capability); tier is ``accounts.tiers.max_tier``: partner tier while the organisation's
information-sharing agreement is in force, public tier once it lapses (guide 10991–10999). Partners get
depersonalised, aggregated crime only (guide 10633–10650), counted by the crime app. Deployment bands (not
scores) come from ``deployment.selectors.bands_for_partner`` and are partner tier.
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
from deployment.selectors import PartnerBand, bands_for_partner
from engagement.event_selectors import upcoming_events_for_tier
from geography.models import Neighbourhood
from geography.selectors import memberships_with_imd
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


def bands(user: Any, hoods: list[Neighbourhood]) -> dict[int, PartnerBand]:
    """Deployment bands, partner tier: none at all once the agreement has lapsed (public tier has no bands)."""
    if partner_tier(user) < Tier.PARTNER:
        return {}
    return bands_for_partner(user, [n.pk for n in hoods])


@dataclass(frozen=True)
class LsoaCrime:
    code: str
    name: str
    count: int | None  # None: no month of the window has data (missing, never 0)


@dataclass
class LsoaCrimeTable:
    vintage: int | None = None
    rows: list[LsoaCrime] = field(default_factory=list)
    figures: CrimeFigures = field(default_factory=CrimeFigures)


def lsoa_crime(neighbourhood: Neighbourhood) -> LsoaCrimeTable:
    """Crime and ASB per member LSOA over the default window: depersonalised, aggregated to LSOA (guide
    10633–10650), counted by ``crime.queries.crime_counts``. The map draws the same LSOAs; this is its twin.

    One vintage only (2011 when the neighbourhood has 2011 members: police.uk's street CSVs carry 2011 codes),
    since the two vintages overlap and would count a crime twice.
    """
    memberships = list(memberships_with_imd(neighbourhood))
    vintages = {m.lsoa.vintage for m in memberships}
    if not vintages:
        return LsoaCrimeTable()
    vintage = 2011 if 2011 in vintages else max(vintages)
    members = [m.lsoa for m in memberships if m.lsoa.vintage == vintage]
    window = default_window(months_with_data())
    if window is None:
        return LsoaCrimeTable(vintage, [LsoaCrime(lsoa.code, lsoa.name, None) for lsoa in members])
    start, end = window
    group = "lsoa11" if vintage == 2011 else "lsoa21"
    counts = crime_counts(by=(group,), start=start, end=end, neighbourhoods=[neighbourhood.pk])
    have_data = bool(counts.months)
    rows = [LsoaCrime(lsoa.code, lsoa.name, counts.get((lsoa.pk,), 0) if have_data else None) for lsoa in members]
    return LsoaCrimeTable(vintage, rows, CrimeFigures(coverage=counts.coverage, as_at=end))
