"""Writes to the audit of participation mechanisms (guide 1484–1489): typed, one transaction, history, audit,
optimistic locking on edit. Whoever records or changes an assessment (rating, date, evidence) is recorded as its
assessor, so "assessed on and by whom" is never typed in by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import audit_record
from core.locking import save_versioned
from core.models import AuditEvent
from engagement.event_services import Actor, _user
from engagement.models import CommunityGroup, ParticipationMechanism
from geography.models import Neighbourhood

FIELDS = ("name", "kind", "run_by", "run_by_name", "frequency", "reaches", "rating", "evidence", "assessed_on", "tier")
ASSESSMENT = ("rating", "evidence", "assessed_on")


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"not a participation mechanism field: {sorted(unknown)}")
    return values


def _set_groups(mechanism: ParticipationMechanism, groups: Iterable[CommunityGroup] | None) -> None:
    if groups is None:
        return
    groups = list(groups)
    if any(group.profile.neighbourhood_id != mechanism.neighbourhood_id for group in groups):
        raise ValidationError({"groups_reached": "A group is in another neighbourhood."})
    mechanism.groups_reached.set(groups)


@transaction.atomic
def mechanism_record(
    *,
    neighbourhood: Neighbourhood,
    values: dict[str, Any],
    groups: Iterable[CommunityGroup] | None = None,
    actor: Actor,
) -> ParticipationMechanism:
    mechanism = ParticipationMechanism(neighbourhood=neighbourhood, created_by=_user(actor), **_checked(values))
    if mechanism.is_assessed:
        mechanism.assessed_by = _user(actor)
    mechanism.full_clean()
    mechanism._history_user = _user(actor)  # type: ignore[attr-defined]
    mechanism.save()
    _set_groups(mechanism, groups)
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.MECHANISM_RECORDED,
        target=mechanism,
        data={"kind": mechanism.kind, "rating": mechanism.rating},
    )
    return mechanism


@transaction.atomic
def mechanism_update(
    *,
    mechanism: ParticipationMechanism,
    values: dict[str, Any],
    groups: Iterable[CommunityGroup] | None = None,
    loaded_version: int,
    actor: Actor,
) -> ParticipationMechanism:
    """Edit a mechanism or its assessment; a stale version raises ``core.locking.EditConflict``."""
    changed = [name for name, value in _checked(values).items() if getattr(mechanism, name) != value]
    for name, value in values.items():
        setattr(mechanism, name, value)  # the named fields only
    fields = list(values)
    if any(name in ASSESSMENT for name in changed):
        mechanism.assessed_by = _user(actor) if mechanism.is_assessed else None
        fields.append("assessed_by")
    mechanism.full_clean()
    mechanism._history_user = _user(actor)  # type: ignore[attr-defined]
    save_versioned(mechanism, loaded_version=loaded_version, update_fields=fields)
    _set_groups(mechanism, groups)
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.MECHANISM_CHANGED,
        target=mechanism,
        data={"changed": sorted(changed), "rating": mechanism.rating},
    )
    return mechanism
