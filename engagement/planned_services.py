"""Writes to planned engagement that is not an event (issue 9 plan): typed, one transaction, history, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from core.models import AuditEvent
from engagement.event_services import Actor, _user
from engagement.models import PlannedEngagement
from geography.models import Neighbourhood

FIELDS = ("group", "how", "where", "when", "planned_on", "tier")


@transaction.atomic
def planned_record(*, neighbourhood: Neighbourhood, values: dict[str, Any], actor: Actor) -> PlannedEngagement:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"not a planned engagement field: {sorted(unknown)}")
    planned = PlannedEngagement(neighbourhood=neighbourhood, created_by=_user(actor), **values)
    planned.full_clean()
    planned.save()
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.ENGAGEMENT_PLANNED,
        target=planned,
        data={"group": planned.group_id, "how": planned.how},
    )
    return planned


@transaction.atomic
def planned_mark_done(*, planned: PlannedEngagement, done_on: dt.date, actor: Actor) -> PlannedEngagement:
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": "The date done cannot be in the future."})
    planned = PlannedEngagement.objects.select_for_update().get(pk=planned.pk)
    if planned.done_on is not None:
        raise ValidationError("This engagement is already marked done.")
    planned.done_on = done_on
    planned.full_clean()
    planned._history_user = _user(actor)  # type: ignore[attr-defined]
    planned.save(update_fields=["done_on"])
    audit_record(
        actor=actor, verb=AuditEvent.Verb.ENGAGEMENT_DONE, target=planned, data={"done_on": done_on.isoformat()}
    )
    return planned
