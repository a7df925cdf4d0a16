"""Writes to engagement events and the concerns raised at them (issue 9): typed, one transaction, history, audit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import PartnerOrganisation, User
from core.audit import audit_record
from core.locking import save_versioned
from core.models import AuditEvent
from engagement.models import CommunityGroup, Concern, EngagementEvent
from geography.models import Neighbourhood

# Who is acting: the request's user (views pass ``request.user``), or None for jobs and commands. An anonymous
# user is recorded as nobody; the views in front of these services require sign-in.
Actor = User | AnonymousUser | None


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "address",
    "location",
    "organiser",
    "contact",
    "attendance",
    "other_partners",
    "tier",
)
CONCERN_FIELDS = ("text", "location_text", "location", "time_pattern", "people_count", "source")


def _set_groups(
    event: EngagementEvent, audience: Iterable[CommunityGroup] | None, reached: Iterable[CommunityGroup] | None
) -> None:
    """Set the groups targeted and reached; every group must be one of the event's neighbourhood's."""
    for name, groups in (("audience_groups", audience), ("groups_reached", reached)):
        if groups is None:
            continue
        groups = list(groups)
        ours = CommunityGroup.objects.filter(pk__in=[g.pk for g in groups], profile__neighbourhood=event.neighbourhood)
        if ours.count() != len({g.pk for g in groups}):
            raise ValidationError({name: "Choose groups of the event's neighbourhood."})
        getattr(event, name).set(groups)


def _checked(values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    return values


@transaction.atomic
def event_create(
    *,
    neighbourhood: Neighbourhood,
    values: dict[str, Any],
    partners: Iterable[PartnerOrganisation] = (),
    audience: Iterable[CommunityGroup] = (),
    reached: Iterable[CommunityGroup] = (),
    actor: Actor,
) -> EngagementEvent:
    event = EngagementEvent(neighbourhood=neighbourhood, created_by=_user(actor), **_checked(values, EVENT_FIELDS))
    event.full_clean()
    event.save()
    event.partner_organisations.set(list(partners))
    _set_groups(event, audience, reached)
    audit_record(actor=actor, verb=AuditEvent.Verb.EVENT_RECORDED, target=event, data={"kind": event.kind})
    return event


@transaction.atomic
def event_update(
    *,
    event: EngagementEvent,
    values: dict[str, Any],
    partners: Iterable[PartnerOrganisation] | None = None,
    audience: Iterable[CommunityGroup] | None = None,
    reached: Iterable[CommunityGroup] | None = None,
    loaded_version: int,
    actor: Actor,
) -> EngagementEvent:
    """Edit an event; a stale version raises ``core.locking.EditConflict`` (nothing is overwritten silently)."""
    for name, value in _checked(values, EVENT_FIELDS).items():
        setattr(event, name, value)  # the named fields only
    event.full_clean()
    save_versioned(event, loaded_version=loaded_version, update_fields=list(values))
    if partners is not None:
        event.partner_organisations.set(list(partners))
    _set_groups(event, audience, reached)
    return event


@transaction.atomic
def concern_record(
    *, neighbourhood: Neighbourhood, event: EngagementEvent | None, values: dict[str, Any], actor: Actor
) -> Concern:
    """A community concern, raised at EVENT (or by survey when EVENT is None)."""
    values = _checked(values, CONCERN_FIELDS)
    if event is not None:
        values = {**values, "source": Concern.Source.EVENT}
    concern = Concern(neighbourhood=neighbourhood, event=event, created_by=_user(actor), **values)
    concern.full_clean()
    concern.save()
    return concern
