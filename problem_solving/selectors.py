"""Reads of problem-solving plans shared by views, the API, the dashboard and other apps.

Other feature apps may import this module only (import-linter "features" contract). ``plans_for_partner`` is
the partner-tier summary (issue 10: a partner sees a plan only when it is marked partner tier or public, in
their organisation's areas, and only its partner-tier fields: never intelligence URNs).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from core.tiers import Tier
from problem_solving.models import Plan, PlanAction, PlanReview


def readable_plans(user: Any, tier: int) -> QuerySet[Plan]:
    return Plan.objects.visible_to(user).at_most(tier).select_related("neighbourhood__force", "priority")


def plans_by_priority(priority_ids: list[int]) -> dict[int, Plan]:
    """The plan of each priority that has one, in one query (the priority pages' ``#plan`` section)."""
    rows = Plan.objects.filter(priority_id__in=priority_ids).only("pk", "reference", "title", "status", "priority")
    return {p.priority_id: p for p in rows if p.priority_id is not None}


def active_priorities_without_plan(neighbourhood_ids: Any) -> QuerySet[Any]:
    """Active priorities in NEIGHBOURHOOD_IDS with no plan: "every active priority gets one plan" (issue 10)."""
    priority_model = apps.get_model("priorities", "Priority")
    return (
        priority_model._default_manager.filter(neighbourhood_id__in=neighbourhood_ids, status="active")
        .filter(~Exists(Plan.objects.filter(priority_id=OuterRef("pk"))))
        .select_related("neighbourhood")
        .order_by("activated_on", "pk")
    )


@dataclass(frozen=True)
class PartnerPlan:
    """The partner-tier summary of a plan: no analysis notes, no intelligence, no risk assessment."""

    reference: str
    title: str
    neighbourhood: str
    status: str
    owner_name: str
    objectives: str
    actions: list[tuple[str, str, str, dt.date]]  # (kind, description, owner, due), intelligence actions left out


def plans_for_partner(
    *, organisation_id: int | None, neighbourhood_id: int | None = None, tier: Tier = Tier.PARTNER
) -> list[PartnerPlan]:
    """Plans at TIER or below (never above partner tier) in the organisation's areas, as partner-tier summaries.

    NEIGHBOURHOOD_ID narrows it to one area (the partner portal's neighbourhood page); TIER drops to public once
    the organisation's information-sharing agreement lapses (guide 10991-10999).
    """
    if organisation_id is None:
        return []
    actions = PlanAction.objects.exclude(kind=PlanAction.Kind.INTELLIGENCE)
    plans = Plan.objects.filter(neighbourhood__partners=organisation_id, tier__lte=min(tier, Tier.PARTNER))
    if neighbourhood_id is not None:
        plans = plans.filter(neighbourhood_id=neighbourhood_id)
    rows = (
        plans.exclude(status=Plan.Status.DRAFT)
        .select_related("neighbourhood")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .distinct()
    )
    return [
        PartnerPlan(
            p.reference,
            p.title,
            p.neighbourhood.name,
            p.get_status_display(),
            p.owner_name,
            p.objectives,
            [(a.get_kind_display(), a.description, a.owner_name, a.due_on) for a in p.actions.all()],
        )
        for p in rows
    ]


@dataclass(frozen=True)
class Dashboard:
    awaiting_review: list[Plan]
    reviews_overdue: list[Plan]
    actions_overdue: list[PlanAction]
    priorities_without_plan: list[Any]
    counts: list[dict[str, Any]]  # per neighbourhood: name, open plans, awaiting, overdue reviews


def dashboard(neighbourhoods: QuerySet[Any], *, today: dt.date | None = None) -> Dashboard:
    """The sergeant's dashboard for NEIGHBOURHOODS (issue 10): a fixed number of queries."""
    today = today or timezone.localdate()
    plans = Plan.objects.filter(neighbourhood__in=neighbourhoods).select_related("neighbourhood")
    awaiting = list(plans.awaiting_review().order_by("submitted_at", "pk"))
    overdue = list(plans.review_overdue(today).order_by("next_review_on", "pk"))
    actions = list(
        PlanAction.objects.filter(
            plan__in=plans.filter(status__in=Plan.UNDER_WAY),
            status__in=[PlanAction.Status.PLANNED, PlanAction.Status.UNDER_WAY],
            due_on__lt=today,
        )
        .select_related("plan")
        .order_by("due_on", "pk")
    )
    counts = list(
        neighbourhoods.annotate(
            open_plans=Count("plans", filter=~Q(plans__status=Plan.Status.CLOSED), distinct=True),
            awaiting=Count("plans", filter=Q(plans__status=Plan.Status.SUBMITTED), distinct=True),
            overdue=Count(
                "plans",
                filter=Q(plans__status__in=Plan.UNDER_WAY, plans__next_review_on__lt=today),
                distinct=True,
            ),
        )
        .values("pk", "name", "open_plans", "awaiting", "overdue")
        .order_by("name")
    )
    without = list(active_priorities_without_plan(neighbourhoods.values("pk")))
    return Dashboard(awaiting, overdue, actions, without, counts)


# --- performance framework (issue 15) -------------------------------------------------------------------------
# Statuses a plan reaches only once a sergeant has approved it (guide 7395-7533: supervisor sign-off).
APPROVED_OR_LATER = (Plan.Status.APPROVED, Plan.Status.IN_PROGRESS, Plan.Status.ASSESSMENT, Plan.Status.CLOSED)


def performance_tallies(*, key: str, neighbourhood_ids: list[int], period: Any) -> dict[int, tuple[int, int]] | None:
    """The performance framework's SARA measures, per neighbourhood, as (numerator, denominator); None for a
    key this app does not answer (the framework then shows it as missing, never as 0). Every neighbourhood
    asked about gets a tally; (0, 0) means nothing fell due there, which the framework shows as no data.

    ``plans_approved``: of the priorities active on the period's last day, those whose plan was approved by then
    (guide 23058-23094: action plans for all identified priorities).

    ``actions_on_time``: of the actions due in the period (``due_on`` inside it) on plans a sergeant has
    approved, those marked done by their due date (``completed_at`` on or before ``due_on``; guide 23058-23094
    ownership and tasking, 21687-21689). Dropped actions are left out: dropping is a recorded decision, not a
    late action. An action done without a recorded date (rows from before dates were kept) is left out too,
    since whether it was on time is unknown. An action due in the period and still open counts as not on time.

    ``plans_reviewed``: of the sergeant reviews due in the period, those held by the due date (guide
    23147-23160: review at least every 3 months; issue 10 cadence 14/28/56 days by risk). A review due is either
    a recorded review (``PlanReview.due_on`` in the period, on time when held by then) or a plan still under way
    whose next review date fell in the period and has passed without one (late). A review not yet due is not
    counted.
    """
    if key == "plans_approved":
        return _plans_approved(neighbourhood_ids, period)
    if key == "actions_on_time":
        return _actions_on_time(neighbourhood_ids, period)
    if key == "plans_reviewed":
        return _plans_reviewed(neighbourhood_ids, period)
    return None


def _end_at(day: dt.date) -> dt.datetime:
    """The first moment after DAY (local time)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _plans_approved(neighbourhood_ids: list[int], period: Any) -> dict[int, tuple[int, int]]:
    priority_model = apps.get_model("priorities", "Priority")
    end = period.end
    approved = Plan.objects.filter(priority=OuterRef("pk"), status__in=APPROVED_OR_LATER, approved_at__lt=_end_at(end))
    rows = (
        priority_model.objects.filter(neighbourhood_id__in=neighbourhood_ids, activated_on__lte=end)
        .exclude(status="proposed")
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .values("neighbourhood_id")
        .annotate(total=Count("pk"), planned=Count("pk", filter=Exists(approved)))
    )
    found = {pk: (0, 0) for pk in neighbourhood_ids}
    for row in rows:
        found[row["neighbourhood_id"]] = (row["planned"], row["total"])
    return found


def _actions_on_time(neighbourhood_ids: list[int], period: Any) -> dict[int, tuple[int, int]]:
    done = PlanAction.Status.DONE
    rows = (
        PlanAction.objects.filter(
            plan__neighbourhood_id__in=neighbourhood_ids,
            plan__status__in=APPROVED_OR_LATER,
            due_on__gte=period.start,
            due_on__lte=period.end,
        )
        .exclude(status=PlanAction.Status.DROPPED)
        .exclude(status=done, completed_at__isnull=True)
        .values("plan__neighbourhood_id")
        .annotate(
            total=Count("pk"),
            # Done by the end of the due day, local time: completed_at < the first moment of the next day.
            on_time=Count(
                "pk",
                filter=Q(status=done, completed_at__date__lte=F("due_on")),
            ),
        )
    )
    found = {pk: (0, 0) for pk in neighbourhood_ids}
    for row in rows:
        found[row["plan__neighbourhood_id"]] = (row["on_time"], row["total"])
    return found


def _plans_reviewed(
    neighbourhood_ids: list[int], period: Any, *, today: dt.date | None = None
) -> dict[int, tuple[int, int]]:
    today = today or timezone.localdate()
    held = (
        PlanReview.objects.filter(
            plan__neighbourhood_id__in=neighbourhood_ids, due_on__gte=period.start, due_on__lte=period.end
        )
        .values("plan__neighbourhood_id")
        .annotate(total=Count("pk"), held_on_time=Count("pk", filter=Q(reviewed_at__date__lte=F("due_on"))))
    )
    missed = (
        Plan.objects.filter(
            neighbourhood_id__in=neighbourhood_ids,
            status__in=Plan.UNDER_WAY,
            next_review_on__gte=period.start,
            next_review_on__lte=period.end,
            next_review_on__lt=today,
        )
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
    )
    found = {pk: (0, 0) for pk in neighbourhood_ids}
    for row in held:
        found[row["plan__neighbourhood_id"]] = (row["held_on_time"], row["total"])
    for row in missed:
        on_time, total = found[row["neighbourhood_id"]]
        found[row["neighbourhood_id"]] = (on_time, total + row["n"])
    return found
