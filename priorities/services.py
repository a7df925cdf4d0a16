"""Every write to a priority (issue 9): typed, keyword-only, one transaction, ``full_clean``, history, audit.

The lifecycle is proposed -> active -> (reviews) -> resolved / closed-not-resolved / superseded. Each move is one
service; the guards live here and, as a last line, in the model's check constraints:

- activation needs the ECHR/proportionality check, ticked with a note (guide 7370–7373);
- closing needs a justification, who decided and whether those who raised it are satisfied (guide 7463–7467);
- more current priorities than the neighbourhood's setting (default 3) is a warning, never a block (guide part4
  allows 3–5, and 1–2 per panel in large rural areas).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.audit import audit_record
from core.locking import save_versioned
from core.models import AuditEvent
from geography.models import Neighbourhood
from priorities.models import Priority, PriorityReview, PriorityUpdate
from priorities.selectors import settings_for

# Who is acting: the request's user (views pass ``request.user``), or None for jobs and commands. An anonymous
# user is recorded as nobody; the views in front of these services require sign-in.
Actor = User | AnonymousUser | None


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


# The fields a person edits on the priority form (everything but the lifecycle's own fields).
EDITABLE_FIELDS = (
    "title",
    "tier",
    "problem",
    "location_text",
    "location",
    "time_pattern",
    "affected",
    "causing",
    "category",
    "method",
    "set_on",
    "proposed_by",
    "votes_for",
    "votes_cast",
)


@dataclass(frozen=True)
class Activation:
    priority: Priority
    current_count: int  # current priorities in the neighbourhood, this one included
    max_current: int

    @property
    def warning(self) -> str:
        """Empty unless the neighbourhood now has more current priorities than its setting."""
        if self.current_count <= self.max_current:
            return ""
        return (
            f"{self.priority.neighbourhood.name} now has {self.current_count} current priorities, more than the "
            f"{self.max_current} the team aims for. Consider closing or merging one so each gets real attention."
        )


def _values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    return values


@transaction.atomic
def priority_propose(
    *,
    neighbourhood: Neighbourhood,
    values: dict[str, Any],
    concerns: Iterable[Any] = (),
    events: Iterable[Any] = (),
    actor: Actor,
) -> Priority:
    """A candidate priority, linked to the concerns and events it came from."""
    priority = Priority(neighbourhood=neighbourhood, created_by=_user(actor), **_values(values))
    priority.full_clean()
    priority.save()
    concerns, events = list(concerns), list(events)
    for linked in (*concerns, *events):
        if linked.neighbourhood_id != neighbourhood.pk:
            raise ValidationError("A priority links only to concerns and events in its own neighbourhood.")
    if concerns:
        priority.concerns.set(concerns)
    if events:
        priority.events.set(events)
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PRIORITY_PROPOSED,
        target=priority,
        data={"concerns": [c.pk for c in concerns], "events": [e.pk for e in events]},
    )
    return priority


@transaction.atomic
def priority_promote_concern(*, concern: Any, actor: Actor) -> Priority:
    """Promote a community concern to a candidate priority, carrying over what, where and when.

    The title starts as the concern's words; the form then asks for a SMART title before activation.
    """
    event = concern.event
    values = {
        "title": concern.text.strip().splitlines()[0][:200],
        "problem": concern.text,
        "location_text": concern.location_text,
        "location": concern.location,
        "time_pattern": concern.time_pattern,
        "proposed_by": Priority.ProposedBy.PUBLIC,
        "set_on": timezone.localdate(event.starts_at) if event is not None else None,
    }
    priority = priority_propose(
        neighbourhood=concern.neighbourhood,
        values=values,
        concerns=[concern],
        events=[event] if event is not None else [],
        actor=actor,
    )
    audit_record(actor=actor, verb=AuditEvent.Verb.CONCERN_PROMOTED, target=concern, data={"priority": priority.pk})
    return priority


@transaction.atomic
def priority_update(*, priority: Priority, values: dict[str, Any], loaded_version: int, actor: Actor) -> Priority:
    """Edit the SMART and how-it-was-set fields; a stale version raises ``core.locking.EditConflict``."""
    for name, value in _values(values).items():
        setattr(priority, name, value)  # the named fields only, never a loop over _meta
    priority.full_clean()
    priority._change_reason = "Edited"  # type: ignore[attr-defined]
    return save_versioned(priority, loaded_version=loaded_version, update_fields=list(values))


@transaction.atomic
def priority_activate(
    *, priority: Priority, echr_checked: bool, echr_note: str, loaded_version: int, actor: Actor
) -> Activation:
    """Make a proposed priority current, once the ECHR/proportionality check is recorded."""
    if priority.status != Priority.Status.PROPOSED:
        raise ValidationError("Only a proposed priority can be activated.")
    errors = {}
    if not echr_checked:
        errors["echr_checked"] = "Confirm the ECHR and proportionality check has been done."
    if not echr_note.strip():
        errors["echr_note"] = "Say what the check considered and concluded."
    if errors:
        raise ValidationError(errors)
    priority.echr_checked = True
    priority.echr_note = echr_note.strip()
    priority.status = Priority.Status.ACTIVE
    priority.activated_on = timezone.localdate()
    priority.full_clean()
    priority._change_reason = "Activated"  # type: ignore[attr-defined]
    save_versioned(
        priority, loaded_version=loaded_version, update_fields=["echr_checked", "echr_note", "status", "activated_on"]
    )
    count = Priority.objects.filter(neighbourhood_id=priority.neighbourhood_id).current().count()
    activation = Activation(priority, count, settings_for(priority.neighbourhood).max_current)
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PRIORITY_ACTIVATED,
        target=priority,
        data={"current_count": count, "over_limit": bool(activation.warning)},
    )
    return activation


@transaction.atomic
def priority_review(
    *, priority: Priority, reviewed_on: dt.date, note: str, decision: str, actor: Actor
) -> PriorityReview:
    """Record a review of an active priority; the next review falls due from this date."""
    if priority.status != Priority.Status.ACTIVE:
        raise ValidationError("Only an active priority is reviewed.")
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": "A review cannot be dated in the future."})
    review = PriorityReview(
        priority=priority, reviewed_on=reviewed_on, note=note, decision=decision, reviewed_by=_user(actor)
    )
    review.full_clean()
    review.save()
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PRIORITY_REVIEWED,
        target=priority,
        data={"review": review.pk, "decision": decision, "reviewed_on": reviewed_on.isoformat()},
    )
    return review


@transaction.atomic
def priority_post_update(
    *, priority: Priority, on: dt.date, action: str, progress: str, actor: Actor
) -> PriorityUpdate:
    """A dated public "you said, we did" update (its latest is police.uk's ``action``/``action-date``)."""
    if priority.status == Priority.Status.PROPOSED:
        raise ValidationError("Updates are posted once a priority is active.")
    if on > timezone.localdate():
        raise ValidationError({"on": "An update reports what was done: it cannot be dated in the future."})
    update = PriorityUpdate(priority=priority, on=on, action=action, progress=progress, created_by=_user(actor))
    update.full_clean()
    update.save()
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PRIORITY_UPDATE_POSTED,
        target=priority,
        data={"update": update.pk, "progress": progress, "on": on.isoformat()},
    )
    return update


@transaction.atomic
def priority_close(
    *,
    priority: Priority,
    status: str,
    justification: str,
    decided_by: str,
    raisers_satisfied: str,
    outcome: str = "",
    superseded_by: Priority | None = None,
    loaded_version: int,
    actor: Actor,
) -> Priority:
    """Close a priority as resolved, closed-not-resolved or superseded, with its reasons (guide 7463–7467)."""
    if status not in Priority.CLOSED:
        raise ValidationError({"status": "Choose how the priority closes."})
    if priority.is_closed:
        raise ValidationError("This priority is already closed.")
    errors = {}
    if not justification.strip():
        errors["justification"] = "Say why the priority is closing."
    if decided_by not in Priority.DecidedBy.values:
        errors["decided_by"] = "Say who decided to close it."
    if raisers_satisfied not in Priority.Satisfied.values:
        errors["raisers_satisfied"] = "Say whether those who raised it are satisfied."
    if status == Priority.Status.SUPERSEDED:
        if superseded_by is None:
            errors["superseded_by"] = "Choose the priority that replaces it."
        elif superseded_by.pk == priority.pk or superseded_by.neighbourhood_id != priority.neighbourhood_id:
            errors["superseded_by"] = "Choose another priority in the same neighbourhood."
    if errors:
        raise ValidationError(errors)
    was = priority.status
    priority.status = status
    priority.close_justification = justification.strip()
    priority.decided_by = decided_by
    priority.raisers_satisfied = raisers_satisfied
    priority.outcome = outcome.strip()
    priority.superseded_by = superseded_by if status == Priority.Status.SUPERSEDED else None
    priority.closed_on = timezone.localdate()
    priority.full_clean()
    priority._change_reason = f"Closed: {priority.get_status_display()}"  # type: ignore[attr-defined]
    save_versioned(
        priority,
        loaded_version=loaded_version,
        update_fields=[
            "status",
            "close_justification",
            "decided_by",
            "raisers_satisfied",
            "outcome",
            "superseded_by",
            "closed_on",
        ],
    )
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PRIORITY_CLOSED,
        target=priority,
        data={"from": was, "to": status, "decided_by": decided_by, "raisers_satisfied": raisers_satisfied},
    )
    return priority
