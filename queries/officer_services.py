"""Writes for a neighbourhood's named officers (issue 16 "Named, contactable officers"): add, change, remove,
reorder. Each is one transaction with history (simple-history) and an audit event on the neighbourhood, and
refuses to overwrite a change made since the sergeant loaded the page (``core.locking``).

The published entries are the police.uk ``people`` shape (``queries.selectors.named_officers``); the contact
route shown to the public stays the query form unless the force publishes an address (reference-anchors §7).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from accounts.models import User
from core.audit import audit_record
from core.locking import delete_versioned, save_versioned
from core.models import AuditEvent
from geography.models import Neighbourhood
from queries.models import NamedOfficer

Verb = AuditEvent.Verb
# What a sergeant may set; ``neighbourhood`` and ``order`` are the service's business.
EDITABLE_FIELDS = ("user", "name", "rank", "role", "bio", "public_email", "public_phone", "tier")


def _check_user(neighbourhood: Neighbourhood, user: User | None) -> None:
    # The account works the neighbourhood's queue, so it must be one of the force's people.
    if user is not None and user.force_id != neighbourhood.force_id:
        raise ValidationError({"user": "Choose an account in this neighbourhood's force"})


@transaction.atomic
def named_officer_add(*, neighbourhood: Neighbourhood, actor: User | None, **values: Any) -> NamedOfficer:
    """Add a named officer at the end of NEIGHBOURHOOD's list."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not named-officer fields: {sorted(unknown)}")
    _check_user(neighbourhood, values.get("user"))
    # Lock the list so two sergeants adding at once get different places.
    existing = NamedOfficer.objects.select_for_update().filter(neighbourhood=neighbourhood)
    last = existing.aggregate(last=Max("order"))["last"]
    officer = NamedOfficer(neighbourhood=neighbourhood, order=0 if last is None else last + 1, **values)
    officer.full_clean()
    officer.save()
    audit_record(actor=actor, verb=Verb.NAMED_OFFICER_ADDED, target=neighbourhood, data={"officer": officer.pk})
    return officer


@transaction.atomic
def named_officer_change(
    *, officer: NamedOfficer, actor: User | None, loaded_version: int, **values: Any
) -> NamedOfficer:
    """Change what is shown for OFFICER; only the fields that differ are recorded as changed."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not named-officer fields: {sorted(unknown)}")
    _check_user(officer.neighbourhood, values.get("user"))
    changed = sorted(name for name, value in values.items() if getattr(officer, name) != value)
    for name, value in values.items():
        setattr(officer, name, value)
    officer.full_clean()
    save_versioned(officer, loaded_version=loaded_version)
    audit_record(
        actor=actor,
        verb=Verb.NAMED_OFFICER_CHANGED,
        target=officer.neighbourhood,
        data={"officer": officer.pk, "fields": changed},
    )
    return officer


@transaction.atomic
def named_officer_remove(*, officer: NamedOfficer, actor: User | None, loaded_version: int) -> None:
    """Take OFFICER off the list (the history keeps who they were and when they were removed)."""
    neighbourhood, pk = officer.neighbourhood, officer.pk
    delete_versioned(officer, loaded_version=loaded_version)
    audit_record(actor=actor, verb=Verb.NAMED_OFFICER_REMOVED, target=neighbourhood, data={"officer": pk})


@transaction.atomic
def named_officer_move(*, officer: NamedOfficer, up: bool, actor: User | None, loaded_version: int) -> None:
    """Move OFFICER one place up (first shown first) or down; the list is renumbered 0, 1, 2...

    Only OFFICER's version is checked: the sergeant chose to move that entry; the others keep their content.
    """
    rows = list(
        NamedOfficer.objects.select_for_update()
        .filter(neighbourhood_id=officer.neighbourhood_id)
        .order_by("order", "pk")
    )
    place = next((i for i, row in enumerate(rows) if row.pk == officer.pk), None)
    if place is None or rows[place].version != loaded_version:
        save_versioned(officer, loaded_version=loaded_version)  # raises the EditConflict with its story
    assert place is not None
    other = place - 1 if up else place + 1
    if not 0 <= other < len(rows):
        raise ValidationError(f"This officer is already {'first' if up else 'last'}")
    rows[place], rows[other] = rows[other], rows[place]
    for index, row in enumerate(rows):
        if row.order != index:
            row.order = index
            save_versioned(row, loaded_version=row.version, update_fields=["order"])
    audit_record(
        actor=actor,
        verb=Verb.NAMED_OFFICER_MOVED,
        target=officer.neighbourhood,
        data={"officer": officer.pk, "order": [row.pk for row in rows]},
    )
