"""Writes to the Key Individual Network (reference-anchors §5; guide 8525–8536): typed, one transaction, audited.

A KIN round (the team rings, emails or visits its KIN members, or runs a KIN survey) is recorded as engagement:
one police-only ``EngagementEvent`` of the round's type, whose attendance is the number of members reached, plus a
``KinContact`` per member; each member's ``last_contacted_on`` moves to the round's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import audit_record
from core.models import AuditEvent
from core.tiers import Tier
from engagement.event_services import Actor, _user
from engagement.models import EngagementEvent, KeyContact, KinContact
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
