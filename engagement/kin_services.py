"""Writes to the Key Individual Network (reference-anchors §5; guide 8525–8536): typed, one transaction, audited.

A KIN round (the team rings, emails or visits its KIN members, or runs a KIN survey) is recorded as engagement:
one police-only ``EngagementEvent`` of the round's type, whose attendance is the number of members reached, plus a
``KinContact`` per member; each member's ``last_contacted_on`` moves to the round's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import audit_record
from core.locking import save_versioned
from core.models import AuditEvent
from core.tiers import Tier
from engagement.event_services import Actor, _user
from engagement.models import EngagementEvent, KeyContact, KinContact, KinType
from geography.models import Neighbourhood


@transaction.atomic
def kin_round_record(
    *,
    neighbourhood: Neighbourhood,
    kind: str,
    title: str,
    on: dt.date,
    method: str,
    members: Iterable[KeyContact],
    note: str = "",
    actor: Actor,
) -> EngagementEvent:
    members = list(members)
    if not members:
        raise ValidationError({"members": "Choose at least one KIN member."})
    ids = {member.pk for member in members}
    eligible = KeyContact.objects.of_neighbourhood(neighbourhood).kin().filter(pk__in=ids, consents_to_contact=True)
    if eligible.count() != len(ids):
        raise ValidationError({"members": "Choose KIN members of this neighbourhood who agreed to be contacted."})
    event = EngagementEvent(
        neighbourhood=neighbourhood,
        kind=kind,
        title=title,
        starts_at=dt.datetime.combine(on, dt.time(9), tzinfo=ZoneInfo(settings.TIME_ZONE)),
        tier=Tier.POLICE,  # it names who was contacted
        attendance=len(ids),
        description=note,
        organiser=_user(actor),
        created_by=_user(actor),
    )
    event.full_clean()
    event.save()
    KinContact.objects.bulk_create(
        KinContact(member_id=pk, event=event, contacted_on=on, method=method, created_by=_user(actor))
        for pk in sorted(ids)
    )
    # Move the date forward only: recording an older round never hides a more recent contact.
    for member in KeyContact.objects.filter(pk__in=ids).select_for_update():
        if member.last_contacted_on is None or member.last_contacted_on < on:
            member.last_contacted_on = on
            member._history_user = _user(actor)  # type: ignore[attr-defined]
            member.save(update_fields=["last_contacted_on"])
    audit_record(actor=actor, verb=AuditEvent.Verb.KIN_ROUND_RECORDED, target=event, data={"members": len(ids)})
    return event


def _save_member(member: KeyContact, fields: list[str], reason: str, actor: Actor) -> None:
    member._history_user = _user(actor)  # type: ignore[attr-defined]
    member._change_reason = reason  # type: ignore[attr-defined]
    member.full_clean()
    save_versioned(member, loaded_version=member.version, update_fields=fields)


@transaction.atomic
def kin_link_priority(*, priority: Any, members: Iterable[KeyContact], actor: Actor) -> int:
    """Link tactical KIN members to the one priority they were gathered for (guide 8525–8536)."""
    if priority.is_closed:
        raise ValidationError({"priority": "Choose a priority that is still open."})
    ids = {member.pk for member in members}
    if not ids:
        raise ValidationError({"members": "Choose at least one tactical KIN member."})
    found = list(
        KeyContact.objects.of_neighbourhood(priority.neighbourhood_id)
        .kin()
        .filter(pk__in=ids, kin_type=KinType.TACTICAL)
        .select_for_update()
    )
    if len(found) != len(ids):
        raise ValidationError({"members": "Choose tactical KIN members of the priority's neighbourhood."})
    for member in found:
        member.kin_priority = priority
        _save_member(member, ["kin_priority"], f"Tactical KIN for priority {priority.pk}", actor)
    audit_record(actor=actor, verb=AuditEvent.Verb.KIN_LINKED, target=priority, data={"members": sorted(ids)})
    return len(found)


@transaction.atomic
def kin_disband(*, priority: Any, keep_as_strategic: Iterable[KeyContact], actor: Actor) -> tuple[int, int]:
    """Thank and disband a closed priority's tactical KIN: KEEP_AS_STRATEGIC move into the strategic KIN, the rest
    leave the KIN (they stay in the register as contacts). Returns (moved, left).
    """
    if not priority.is_closed:
        raise ValidationError("A tactical KIN is disbanded once its priority has closed.")
    keep = {member.pk for member in keep_as_strategic}
    members = list(KeyContact.objects.filter(kin_priority=priority).select_for_update())
    if not keep <= {member.pk for member in members}:
        raise ValidationError({"keep_as_strategic": "Choose members of this priority's tactical KIN."})
    for member in members:
        member.kin_priority = None
        member.kin_type = KinType.STRATEGIC if member.pk in keep else ""
        reason = "Moved to the strategic KIN" if member.pk in keep else "Left the KIN: tactical KIN disbanded"
        _save_member(member, ["kin_priority", "kin_type"], reason, actor)
    moved, left = len(keep), len(members) - len(keep)
    audit_record(actor=actor, verb=AuditEvent.Verb.KIN_DISBANDED, target=priority, data={"moved": moved, "left": left})
    return moved, left
