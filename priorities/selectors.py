"""Reads of priorities shared by views, the API, the profile (ADR 0004) and the later police.uk feed.

``priorities_for_profile`` is the contract the profile's category 6 reads (``profiles.selectors.priorities_for``):
current and previous (closed) priorities the reader's tier allows. ``police_uk_priorities`` gives the
data.police.uk shape (``issue``, ``issue-date``, ``action``, ``action-date``; reference-anchors §1.3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from core.tiers import Tier
from geography.models import Neighbourhood
from priorities.models import DEFAULT_REVIEW_MONTHS, Priority, PriorityReview, PrioritySettings, PriorityUpdate

# How soon before its due date a review counts as "due" on the team board.
REVIEW_DUE_SOON_DAYS = 14


def settings_for(neighbourhood: Neighbourhood) -> PrioritySettings:
    """The neighbourhood's settings, or the defaults (unsaved: a read never writes)."""
    found = PrioritySettings.objects.filter(neighbourhood=neighbourhood).first()
    return found if found is not None else PrioritySettings(neighbourhood=neighbourhood)


def with_latest(queryset: QuerySet[Priority]) -> QuerySet[Priority]:
    """Priorities with their updates (newest first) and last review date, in a fixed number of queries."""
    return (
        queryset.select_related("neighbourhood__force")
        .annotate(last_review_on=Max("reviews__reviewed_on"))
        .prefetch_related(Prefetch("updates", queryset=PriorityUpdate.objects.order_by("-on", "-created_at")))
    )


def latest_update(priority: Priority) -> PriorityUpdate | None:
    """The newest "we did" update (reads the prefetch when there is one)."""
    updates = list(priority.updates.all())
    return updates[0] if updates else None


@dataclass(frozen=True)
class ProfilePriority:
    """One line of the profile's category 6: the title, and for a closed one how and when it closed."""

    priority: Priority

    def __str__(self) -> str:
        p = self.priority
        if not p.is_closed:
            return p.title
        closed = f", {p.closed_on:%d %b %Y}" if p.closed_on else ""
        outcome = f": {p.outcome}" if p.outcome else ""
        return f"{p.title} ({p.get_status_display()}{closed}){outcome}"


def priorities_for_profile(*, neighbourhood: Neighbourhood, tier: Tier) -> tuple[list[Any], list[Any]]:
    """ADR 0004: (current, previous) for the profile, cut by TIER. Proposed ones are neither yet."""
    rows = list(Priority.objects.filter(neighbourhood=neighbourhood).at_most(tier).order_by("-activated_on", "-pk"))
    current = [ProfilePriority(p) for p in rows if p.status == Priority.Status.ACTIVE]
    previous = [ProfilePriority(p) for p in sorted((p for p in rows if p.is_closed), key=_closed_key, reverse=True)]
    return current, previous


def current_priority_counts(*, neighbourhood_ids: list[int], tier: Tier) -> dict[int, int]:
    """Current (active) priorities per neighbourhood, cut by TIER, in one query."""
    rows = (
        Priority.objects.filter(neighbourhood_id__in=neighbourhood_ids, status=Priority.Status.ACTIVE)
        .at_most(tier)
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
    )
    return {row["neighbourhood_id"]: row["n"] for row in rows}


def _closed_key(priority: Priority) -> tuple[dt.date, int]:
    return (priority.closed_on or dt.date.min, priority.pk)


def _midnight(day: dt.date | None) -> str | None:
    # police.uk writes dates as "2015-10-08T00:00:00" (reference-anchors §1.3).
    return None if day is None else f"{day:%Y-%m-%d}T00:00:00"


def police_uk_priorities(*, neighbourhood: Neighbourhood) -> list[dict[str, str | None]]:
    """The neighbourhood's public priorities as data.police.uk serves them, newest issue-date first.

    ``issue`` is the priority's title and problem, ``issue-date`` when it was agreed (the date set, else the
    activation date), ``action``/``action-date`` the latest "we did" update (null when there is none yet).
    Proposed priorities are not yet agreed, so they are not published.
    """
    rows = with_latest(
        Priority.objects.filter(neighbourhood=neighbourhood)
        .at_most(Tier.PUBLIC)
        .exclude(status=Priority.Status.PROPOSED)
    )
    out = []
    for p in rows:
        update = latest_update(p)
        issue = p.title if not p.problem else f"{p.title}. {p.problem}"
        out.append(
            {
                "issue": issue,
                "issue-date": _midnight(p.set_on or p.activated_on),
                "action": update.action if update else None,
                "action-date": _midnight(update.on) if update else None,
            }
        )
    return sorted(out, key=lambda row: row["issue-date"] or "", reverse=True)


@dataclass(frozen=True)
class BoardRow:
    priority: Priority
    review_due_on: dt.date | None
    overdue: bool
    due_soon: bool
    latest_update: PriorityUpdate | None
    has_plan: bool


def review_state(priority: Priority, *, months: int, today: dt.date | None = None) -> tuple[dt.date | None, bool, bool]:
    """(due date, overdue, due soon) for an active priority; reads the ``last_review_on`` annotation if present."""
    today = today or timezone.localdate()
    last = getattr(priority, "last_review_on", None)
    if last is None and not hasattr(priority, "last_review_on"):
        last = PriorityReview.objects.filter(priority=priority).aggregate(d=Max("reviewed_on"))["d"]
    due = priority.review_due_on(months=months, last_review=last)
    if due is None:
        return None, False, False
    overdue = due < today
    return due, overdue, not overdue and (due - today).days <= REVIEW_DUE_SOON_DAYS


def has_plan(priority: Priority) -> bool:
    """Whether a SARA plan points at the priority (problem_solving.Plan.priority, related_name "plan"), asked
    through the reverse relation so that this app imports nothing of problem_solving.
    """
    return Priority.objects.filter(pk=priority.pk, plan__isnull=False).exists()


def priority_ids_with_plan(ids: list[int]) -> set[int]:
    """Of IDS, the priorities a SARA plan points at, in one query (the team board and register)."""
    return set(Priority.objects.filter(pk__in=ids, plan__isnull=False).values_list("pk", flat=True))


def board_rows(queryset: QuerySet[Priority], *, today: dt.date | None = None) -> list[BoardRow]:
    """The team board: proposed and active priorities with review-due and overdue flags."""
    rows = with_latest(queryset.filter(status__in=[Priority.Status.PROPOSED, Priority.Status.ACTIVE]))
    months = {
        s.neighbourhood_id: s.review_months
        for s in PrioritySettings.objects.filter(neighbourhood__in={p.neighbourhood_id for p in rows})
    }
    planned = priority_ids_with_plan([p.pk for p in rows])
    out = []
    for p in rows:
        due, overdue, soon = review_state(p, months=months.get(p.neighbourhood_id, DEFAULT_REVIEW_MONTHS), today=today)
        out.append(BoardRow(p, due, overdue, soon, latest_update(p), p.pk in planned))
    return out


@dataclass(frozen=True)
class FeedbackRow:
    """A priority with its latest "you said, we did" update (the partner portal, issue 12)."""

    priority: Priority
    latest_update: PriorityUpdate | None


def priorities_with_feedback(*, neighbourhoods: list[int], tier: Tier) -> list[FeedbackRow]:
    """Agreed priorities (active and closed, not proposed) of NEIGHBOURHOODS cut by TIER, each with its latest
    update, current first, in a fixed number of queries.
    """
    rows = with_latest(
        Priority.objects.filter(neighbourhood_id__in=neighbourhoods)
        .at_most(tier)
        .exclude(status=Priority.Status.PROPOSED)
        .order_by("neighbourhood__name", "-activated_on", "-pk")
    )
    out = [FeedbackRow(p, latest_update(p)) for p in rows]
    return sorted(out, key=lambda row: row.priority.is_closed)


def police_uk_priority_history(*, neighbourhood: Neighbourhood) -> list[dict[str, Any]]:
    """The public register behind ``police_uk_priorities`` (reference-anchors §1.7: police.uk's priorities have no
    id, status or history): each agreed public priority's id, status, dates and dated updates, newest first.
    """
    rows = with_latest(
        Priority.objects.filter(neighbourhood=neighbourhood)
        .at_most(Tier.PUBLIC)
        .exclude(status=Priority.Status.PROPOSED)
        .order_by("-activated_on", "-pk")
    )
    return [
        {
            "id": p.pk,
            "issue": p.title if not p.problem else f"{p.title}. {p.problem}",
            "status": p.status,
            "issue-date": _midnight(p.set_on or p.activated_on),
            "closed-date": _midnight(p.closed_on),
            "outcome": p.outcome or None,
            "updates": [{"action": u.action, "action-date": _midnight(u.on)} for u in p.updates.all()],
        }
        for p in rows
    ]


# --- performance framework (issue 15) -------------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityFacts:
    """What the performance framework reads of one priority active at a date (no copy kept)."""

    pk: int
    neighbourhood_id: int
    proposed_by: str
    agreed_on: dt.date | None  # the date set, else the activation date
    last_review_on: dt.date | None
    updates_in_period: int


def priority_facts(*, neighbourhood_ids: list[int], start: dt.date, end: dt.date) -> list[PriorityFacts]:
    """Priorities active on END (activated by then and not closed by then), with their last review up to END and
    the "you said, we did" updates dated START..END. One query whatever the number of neighbourhoods.
    """
    rows = (
        Priority.objects.filter(neighbourhood_id__in=neighbourhood_ids, activated_on__lte=end)
        .exclude(status=Priority.Status.PROPOSED)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .annotate(
            last_review=Max("reviews__reviewed_on", filter=Q(reviews__reviewed_on__lte=end)),
            updates_n=Count("updates", filter=Q(updates__on__gte=start, updates__on__lte=end), distinct=True),
        )
        .order_by("pk")
        .values_list("pk", "neighbourhood_id", "proposed_by", "set_on", "activated_on", "last_review", "updates_n")
    )
    return [
        PriorityFacts(pk, nid, proposed_by, set_on or activated_on, last_review, updates_n)
        for pk, nid, proposed_by, set_on, activated_on, last_review, updates_n in rows
    ]


def active_priorities_located(*, neighbourhood_ids: list[int], tier: Tier) -> QuerySet[Priority]:
    """Active priorities with a map location in these neighbourhoods, cut by TIER: the deployment map's
    priorities layer (issue 11), one query. Priorities without a location are not map features.
    """
    return (
        Priority.objects.filter(
            neighbourhood_id__in=neighbourhood_ids, status=Priority.Status.ACTIVE, location__isnull=False
        )
        .at_most(tier)
        .select_related("neighbourhood")
        .order_by("neighbourhood__name", "title", "pk")
    )
