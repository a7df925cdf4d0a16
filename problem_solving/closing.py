"""Closing a plan closes its priority, when the sergeant says so (issue 10 §9: "This closes the linked priority,
or asks about it").

The priority is closed by the priorities app's own service (``priorities.services.priority_close``: its guards,
history and audit), with the plan's closure justification, the raisers' satisfaction and the plan's outcome
(guide 7463–7467). This is the one place problem solving writes another app's records; pyproject's
import-linter "features" contract names it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from priorities.rules import CHANGE as CHANGE_PRIORITY
from priorities.services import priority_close
from problem_solving.models import Plan

# How the priority closes when its plan does; "" leaves it open (the plan page then links to its close page).
PRIORITY_CLOSINGS = [
    ("resolved", "Close the priority as resolved"),
    ("closed_not_resolved", "Close the priority as not resolved"),
    ("", "Leave the priority open"),
]
DECIDED_BY = [
    ("team", "The neighbourhood team"),
    ("joint_group", "The joint problem-solving group"),
    ("forum", "The community forum or panel"),
]


def priority_open(plan: Plan) -> bool:
    """The plan has a priority that is still open (not resolved, closed or superseded)."""
    return plan.priority is not None and not plan.priority.is_closed


def close_linked_priority(*, plan: Plan, status: str, decided_by: str, actor: Any) -> Any:
    """Close PLAN's priority as STATUS ("resolved" or "closed_not_resolved") with the plan's reasons."""
    priority = plan.priority
    if priority is None or priority.is_closed or not status:
        return None
    if actor is None or not actor.has_perm(CHANGE_PRIORITY, priority):
        raise PermissionDenied("You may close the plan but not its priority.")
    return priority_close(
        priority=priority,
        status=status,
        justification=f"Problem-solving plan {plan.reference} closed: {plan.closure_justification}",
        decided_by=decided_by,
        raisers_satisfied=plan.raisers_satisfied,
        outcome=plan.outcome,
        loaded_version=priority.version,
        actor=actor,
    )
