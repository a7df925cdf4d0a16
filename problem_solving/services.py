r"""Every write to a problem-solving plan (issue 10): typed, keyword-only, one transaction, history, audit.

The workflow (issue 10 "Sergeant review workflow"):

    draft -> submitted -> approved -> in progress (periodic reviews) -> assessment -> closed
                       \\-> returned (with comments) -> submitted again

Each move is one service that checks the move is legal, writes a ``PlanEvent`` (who, when, the comment) and an
audit event, and queues the notification mail after commit. The review services ask the ``rules`` permission
``problem_solving.review_plan``, so "an officer cannot approve their own plan" and "only for the sergeant's
team" hold whichever door (page, API, shell) calls them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.audit import audit_record
from core.locking import save_versioned
from core.models import AuditEvent
from geography.models import LSOA, Neighbourhood
from problem_solving.closing import close_linked_priority
from problem_solving.models import Plan, PlanAction, PlanActivity, PlanCounter, PlanEvent, PlanReview, force_prefix
from problem_solving.rules import REVIEW

Actor = User | AnonymousUser | None

# The fields each SARA stage's form edits (guide 7395–7533); nothing else is written by ``plan_update``.
STAGES: dict[str, tuple[str, ...]] = {
    "overview": (
        "title",
        "tier",
        "owner_name",
        "partners_involved",
        "objectives",
        "success_criteria",
        "outcome_level",
        "risk_rating",
        "risk_note",
        "community_impact",
    ),
    "scanning": (
        "problem_statement",
        "source",
        *(
            f"cheers_{n}{s}"
            for n in ("community", "harm", "expectation", "events", "recurring", "similarity")
            for s in ("", "_note")
        ),
    ),
    "analysis": (
        "pat_victim",
        "pat_offender",
        "pat_location",
        "pat_guardian",
        "pat_handler",
        "pat_manager",
        "weakest_side",
        "repeat_patterns",
        "time_place_patterns",
        "hypothesis",
        "sources_used",
    ),
    "response": ("ladder_level", "communication_strategy"),
    "assessment": ("implemented_as_planned", "objectives_met", "outcome", "lessons_learned"),
}

# What must be written before a plan goes to the sergeant: the minimum content (digest part2 §2.1 D).
REQUIRED_TO_SUBMIT = {
    "objectives": "Say what success looks like.",
    "success_criteria": "Give the criteria for success.",
    "problem_statement": "Write the problem statement.",
    "pat_victim": "Describe the victim or target.",
    "pat_offender": "Describe the offender.",
    "pat_location": "Describe the location.",
    "hypothesis": "Write the working hypothesis.",
}


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def allocate_reference(*, neighbourhood: Neighbourhood, year: int) -> str:
    """The next reference for the force and year, e.g. WY-PS-2026-0007 (ADR 0010: a locked counter row)."""
    PlanCounter.objects.get_or_create(force_id=neighbourhood.force_id, year=year)
    counter = PlanCounter.objects.select_for_update().get(force_id=neighbourhood.force_id, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{force_prefix(neighbourhood.force.slug)}-PS-{year}-{counter.last:04d}"


def _move(
    plan: Plan,
    *,
    to: str,
    comment: str,
    actor: Actor,
    verb: AuditEvent.Verb,
    fields: list[str],
    loaded_version: int | None = None,
) -> Plan:
    was = plan.status
    plan.status = to
    plan.full_clean()
    plan._change_reason = Plan.Status(to).label  # type: ignore[attr-defined]
    if loaded_version is None:
        loaded_version = plan.version
    save_versioned(plan, loaded_version=loaded_version, update_fields=["status", *fields])
    PlanEvent.objects.create(plan=plan, from_status=was, to_status=to, comment=comment, by=_user(actor))
    audit_record(actor=actor, verb=verb, target=plan, data={"from": was, "to": to, "comment": comment})
    _notify(plan, to)
    return plan


def _notify(plan: Plan, status: str) -> None:
    from problem_solving import tasks  # the tasks module imports models only; late to keep services light

    transaction.on_commit(lambda: tasks.notify_plan_moved.delay(plan.pk, status))


@transaction.atomic
def plan_create(
    *, neighbourhood: Neighbourhood, title: str, owner_name: str, priority: Any = None, actor: Actor
) -> Plan:
    """Start a draft plan, for a priority (one plan each) or from tasking."""
    if priority is not None:
        if priority.neighbourhood_id != neighbourhood.pk:
            raise ValidationError("A plan belongs to its priority's neighbourhood.")
        if Plan.objects.filter(priority=priority).exists():
            raise ValidationError("This priority already has a problem-solving plan.")
    plan = Plan(
        neighbourhood=neighbourhood,
        priority=priority,
        title=title.strip(),
        owner_name=owner_name.strip(),
        source=Plan.Source.PRIORITY if priority is not None else Plan.Source.TASKING,
        problem_statement=getattr(priority, "problem", "") or "",
        pat_location=getattr(priority, "location_text", "") or "",
        police_lead=_user(actor),
        created_by=_user(actor),
        reference="pending",
    )
    plan.full_clean(exclude=["reference"])
    plan.reference = allocate_reference(neighbourhood=neighbourhood, year=timezone.localdate().year)
    plan.save()
    PlanEvent.objects.create(plan=plan, to_status=plan.status, by=_user(actor), comment="Started")
    audit_record(
        actor=actor, verb=AuditEvent.Verb.PLAN_CREATED, target=plan, data={"priority": getattr(priority, "pk", None)}
    )
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, stage: str, values: dict[str, Any], loaded_version: int, actor: Actor) -> Plan:
    """Edit one SARA stage; a stale version raises ``core.locking.EditConflict``."""
    allowed = STAGES[stage]
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"not editable in {stage}: {sorted(unknown)}")
    if plan.status not in Plan.EDITABLE:
        raise ValidationError(f"A plan that is “{plan.get_status_display()}” cannot be edited.")
    for name, value in values.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan._change_reason = f"Edited: {stage}"  # type: ignore[attr-defined]
    return save_versioned(plan, loaded_version=loaded_version, update_fields=list(values))


@transaction.atomic
def plan_set_evidence(
    *,
    plan: Plan,
    lsoas: list[LSOA],
    categories: list[str],
    intervention_start: dt.date | None,
    evidence_months: int,
    loaded_version: int,
    actor: Actor,
) -> Plan:
    """Set the plan's area (no LSOAs: the whole neighbourhood; else LSOAs of its neighbourhood only), its crime
    categories and the windows the evidence is counted over (issue 10 "Data evidence", "Assessment").
    """
    if plan.status == Plan.Status.CLOSED:
        raise ValidationError("A closed plan's evidence cannot be changed.")
    own = set(plan.neighbourhood.lsoas.values_list("pk", flat=True))
    outside = sorted(lsoa.code for lsoa in lsoas if lsoa.pk not in own)
    if outside:
        raise ValidationError({"lsoas": f"Choose LSOAs of {plan.neighbourhood.name} only: not {', '.join(outside)}."})
    plan.crime_categories = sorted(set(categories))
    plan.intervention_start = intervention_start
    plan.evidence_months = evidence_months
    plan.full_clean()
    plan._change_reason = "Evidence area and windows set"  # type: ignore[attr-defined]
    save_versioned(
        plan,
        loaded_version=loaded_version,
        update_fields=["crime_categories", "intervention_start", "evidence_months"],
    )
    plan.area_lsoas.set(lsoas)
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PLAN_EVIDENCE_SET,
        target=plan,
        data={
            "lsoas": sorted(lsoa.code for lsoa in lsoas),
            "categories": plan.crime_categories,
            "intervention_start": intervention_start.isoformat() if intervention_start else None,
            "months": evidence_months,
        },
    )
    return plan


def _stamp_completion(action: PlanAction, was: str | None) -> None:
    """Record when an action became done (and forget it if reopened): ``actions_on_time`` reads it."""
    if action.status == PlanAction.Status.DONE and (was != PlanAction.Status.DONE or action.completed_at is None):
        action.completed_at = timezone.now()
    elif action.status != PlanAction.Status.DONE:
        action.completed_at = None


@transaction.atomic
def plan_add_action(*, plan: Plan, values: dict[str, Any], actor: Actor) -> PlanAction:
    """A response action with a named owner and due date (guide 1019–1022); intelligence by URN only."""
    if plan.status not in Plan.EDITABLE:
        raise ValidationError("Actions are added while the plan is being written or is under way.")
    action = PlanAction(plan=plan, **values)
    if action.kind != PlanAction.Kind.INTELLIGENCE:
        action.intelligence_urn = ""
    _stamp_completion(action, None)
    action.full_clean()
    action.save()
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PLAN_ACTION_ADDED,
        target=plan,
        data={"action": action.pk, "kind": action.kind},
    )
    return action


ACTION_FIELDS = ("kind", "description", "owner_name", "owner_type", "due_on", "status", "notes", "intelligence_urn")


@transaction.atomic
def plan_update_action(*, action: PlanAction, values: dict[str, Any], loaded_version: int, actor: Actor) -> PlanAction:
    """Change an action (or mark it done); a stale version raises ``core.locking.EditConflict``."""
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"not editable on an action: {sorted(unknown)}")
    plan = action.plan
    if plan.status not in Plan.EDITABLE:
        raise ValidationError("Actions change while the plan is being written or is under way.")
    was = action.status
    for name, value in values.items():
        setattr(action, name, value)
    if action.kind != PlanAction.Kind.INTELLIGENCE:
        action.intelligence_urn = ""
    _stamp_completion(action, was)
    action.full_clean()
    action._change_reason = "Marked done" if action.status == "done" != was else "Edited"  # type: ignore[attr-defined]
    fields = sorted({*values, "intelligence_urn", "completed_at"})
    save_versioned(action, loaded_version=loaded_version, update_fields=fields)
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PLAN_ACTION_UPDATED,
        target=plan,
        data={"action": action.pk, "from": was, "to": action.status, "fields": sorted(values)},
    )
    return action


@transaction.atomic
def plan_log_activity(
    *,
    plan: Plan,
    kind: str,
    occurred_on: dt.date,
    summary: str,
    attendees: str = "",
    decisions: str = "",
    actor: Actor,
) -> PlanActivity:
    """Add to the plan's dated record of activity: an activity, or a meeting with attendees and decisions."""
    if plan.status == Plan.Status.CLOSED:
        raise ValidationError("A closed plan's record of activity is final.")
    errors = {}
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = "The date must be today or in the past."
    if kind == PlanActivity.Kind.MEETING and not attendees.strip():
        errors["attendees"] = "Say who attended the meeting."
    if errors:
        raise ValidationError(errors)
    activity = PlanActivity(
        plan=plan,
        kind=kind,
        occurred_on=occurred_on,
        summary=summary.strip(),
        attendees=attendees.strip(),
        decisions=decisions.strip(),
        recorded_by=_user(actor),
    )
    activity.full_clean()
    activity.save()
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PLAN_ACTIVITY_LOGGED,
        target=plan,
        data={"activity": activity.pk, "kind": kind, "occurred_on": occurred_on.isoformat()},
    )
    return activity


@transaction.atomic
def plan_submit(*, plan: Plan, loaded_version: int, actor: Actor) -> Plan:
    """Send a draft (or a returned plan, amended) to the sergeant, once the minimum content is written."""
    if plan.status not in (Plan.Status.DRAFT, Plan.Status.RETURNED):
        raise ValidationError("Only a draft or returned plan can be submitted.")
    errors = {field: msg for field, msg in REQUIRED_TO_SUBMIT.items() if not str(getattr(plan, field)).strip()}
    if not plan.actions.exists():
        errors["actions"] = "Add at least one response action with an owner and a due date."
    if errors:
        raise ValidationError(errors)
    plan.submitted_at = timezone.now()
    return _move(
        plan,
        to=Plan.Status.SUBMITTED,
        comment="",
        actor=actor,
        verb=AuditEvent.Verb.PLAN_SUBMITTED,
        fields=["submitted_at"],
        loaded_version=loaded_version,
    )


def _check_reviewer(plan: Plan, actor: Actor) -> None:
    if plan.status != Plan.Status.SUBMITTED:
        raise ValidationError("Only a submitted plan can be approved or returned.")
    if actor is None or not actor.has_perm(REVIEW, plan):
        if actor is not None and plan.created_by_id == actor.pk:
            raise PermissionDenied("You cannot approve or return your own plan.")
        raise PermissionDenied("Only a sergeant for this neighbourhood's team can review this plan.")


@transaction.atomic
def plan_approve(*, plan: Plan, comment: str = "", loaded_version: int, actor: Actor) -> Plan:
    """The sergeant approves: the first review falls due by the risk cadence (14 / 28 / 56 days)."""
    _check_reviewer(plan, actor)
    plan.approved_by = _user(actor)
    plan.approved_at = timezone.now()
    plan.returned_reason = ""
    plan.next_review_on = timezone.localdate() + dt.timedelta(days=plan.review_days)
    return _move(
        plan,
        to=Plan.Status.APPROVED,
        comment=comment.strip(),
        actor=actor,
        verb=AuditEvent.Verb.PLAN_APPROVED,
        fields=["approved_by", "approved_at", "returned_reason", "next_review_on"],
        loaded_version=loaded_version,
    )


@transaction.atomic
def plan_return(*, plan: Plan, reason: str, loaded_version: int, actor: Actor) -> Plan:
    """The sergeant returns the plan with comments; the officer amends and resubmits."""
    _check_reviewer(plan, actor)
    if not reason.strip():
        raise ValidationError({"reason": "Say what needs to change before the plan can be approved."})
    plan.returned_reason = reason.strip()
    return _move(
        plan,
        to=Plan.Status.RETURNED,
        comment=plan.returned_reason,
        actor=actor,
        verb=AuditEvent.Verb.PLAN_RETURNED,
        fields=["returned_reason"],
        loaded_version=loaded_version,
    )


@transaction.atomic
def plan_start(*, plan: Plan, loaded_version: int, actor: Actor) -> Plan:
    if plan.status != Plan.Status.APPROVED:
        raise ValidationError("Only an approved plan can be started.")
    return _move(
        plan,
        to=Plan.Status.IN_PROGRESS,
        comment="",
        actor=actor,
        verb=AuditEvent.Verb.PLAN_STARTED,
        fields=[],
        loaded_version=loaded_version,
    )


@transaction.atomic
def plan_review(*, plan: Plan, note: str, actor: Actor) -> Plan:
    """A periodic sergeant review of a plan under way: the next one falls due by the risk cadence."""
    if plan.status not in Plan.UNDER_WAY:
        raise ValidationError("Only an approved or in-progress plan has periodic reviews.")
    if actor is None or not actor.has_perm(REVIEW, plan):
        raise PermissionDenied("Only a sergeant for this neighbourhood's team reviews this plan.")
    if not note.strip():
        raise ValidationError({"note": "Say what the review found."})
    # Keep the date it was due against the day it happened (performance ``plans_reviewed``).
    PlanReview.objects.create(plan=plan, due_on=plan.next_review_on, by=_user(actor), note=note.strip())
    plan.next_review_on = timezone.localdate() + dt.timedelta(days=plan.review_days)
    plan._change_reason = "Reviewed"  # type: ignore[attr-defined]
    save_versioned(plan, loaded_version=plan.version, update_fields=["next_review_on"])
    PlanEvent.objects.create(
        plan=plan, from_status=plan.status, to_status=plan.status, comment=note.strip(), by=_user(actor)
    )
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PLAN_REVIEWED,
        target=plan,
        data={"next_review_on": plan.next_review_on.isoformat()},
    )
    return plan


@transaction.atomic
def plan_submit_assessment(*, plan: Plan, loaded_version: int, actor: Actor) -> Plan:
    if plan.status != Plan.Status.IN_PROGRESS:
        raise ValidationError("Only a plan in progress can move to assessment.")
    errors = {}
    if not plan.implemented_as_planned.strip():
        errors["implemented_as_planned"] = "Say whether the plan was implemented as planned."
    if not plan.objectives_met:
        errors["objectives_met"] = "Say whether the objectives were met."
    if errors:
        raise ValidationError(errors)
    return _move(
        plan,
        to=Plan.Status.ASSESSMENT,
        comment="",
        actor=actor,
        verb=AuditEvent.Verb.PLAN_ASSESSMENT_SUBMITTED,
        fields=[],
        loaded_version=loaded_version,
    )


@transaction.atomic
def plan_close(
    *,
    plan: Plan,
    justification: str,
    raisers_satisfied: str,
    loaded_version: int,
    actor: Actor,
    close_priority: str = "",
    decided_by: str = "team",
) -> Plan:
    """Close "only when those who have raised the issue are satisfied with the outcome" (guide 7463–7467).

    CLOSE_PRIORITY ("resolved" / "closed_not_resolved") closes the linked priority too, in the same transaction,
    through the priorities app's service (``problem_solving.closing``); "" leaves it open.
    """
    if plan.status != Plan.Status.ASSESSMENT:
        raise ValidationError("A plan closes after its assessment is submitted.")
    if actor is None or not actor.has_perm(REVIEW, plan):
        raise PermissionDenied("Only a sergeant for this neighbourhood's team closes this plan.")
    errors = {}
    if not justification.strip():
        errors["justification"] = "Say why the plan is closing."
    if raisers_satisfied not in Plan.Met.values:
        errors["raisers_satisfied"] = "Record whether those who raised the issue are satisfied."
    if errors:
        raise ValidationError(errors)
    plan.closure_justification = justification.strip()
    plan.raisers_satisfied = raisers_satisfied
    plan.closed_on = timezone.localdate()
    _move(
        plan,
        to=Plan.Status.CLOSED,
        comment=plan.closure_justification,
        actor=actor,
        verb=AuditEvent.Verb.PLAN_CLOSED,
        fields=["closure_justification", "raisers_satisfied", "closed_on"],
        loaded_version=loaded_version,
    )
    close_linked_priority(plan=plan, status=close_priority, decided_by=decided_by, actor=actor)
    return plan
