"""Writes to a neighbourhood's priority settings (issue 9): typed, one transaction, history, audit, locking.

The settings row is created on the first save (reads use the unsaved defaults: ``selectors.settings_for``), so a
form that loaded the defaults posts version 0; a row that appeared meanwhile is somebody else's edit.
"""

from __future__ import annotations

from django.db import transaction

from core.audit import audit_record
from core.locking import conflict_for, save_versioned
from core.models import AuditEvent
from geography.models import Neighbourhood
from priorities.models import PrioritySettings
from priorities.services import Actor, _user


@transaction.atomic
def priority_settings_save(
    *, neighbourhood: Neighbourhood, max_current: int, review_months: int, loaded_version: int, actor: Actor
) -> PrioritySettings:
    """Set how many current priorities before a warning and how often to review; a stale form raises EditConflict."""
    existing = PrioritySettings.objects.select_for_update().filter(neighbourhood=neighbourhood).first()
    before = (existing.max_current, existing.review_months) if existing else None
    if existing is None:
        if loaded_version != 0:
            raise conflict_for(PrioritySettings, None, loaded_version)
        found = PrioritySettings(neighbourhood=neighbourhood, max_current=max_current, review_months=review_months)
        found.full_clean()
        found._history_user = _user(actor)  # type: ignore[attr-defined]
        found._change_reason = "Settings created"  # type: ignore[attr-defined]
        found.save()
    else:
        found = existing
        found.max_current, found.review_months = max_current, review_months
        found.full_clean()
        found._history_user = _user(actor)  # type: ignore[attr-defined]
        found._change_reason = "Settings changed"  # type: ignore[attr-defined]
        save_versioned(found, loaded_version=loaded_version, update_fields=["max_current", "review_months"])
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.PRIORITY_SETTINGS_CHANGED,
        target=found,
        data={
            "before": list(before) if before else None,
            "max_current": max_current,
            "review_months": review_months,
        },
    )
    return found
