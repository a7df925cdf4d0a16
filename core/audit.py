"""Writing audit events from services."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import AuditEvent
from core.users import UserLike, is_signed_in


def audit_record(
    *,
    actor: UserLike | None,
    verb: AuditEvent.Verb,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that ACTOR did VERB to TARGET (ACTOR is None for system jobs and command-line imports)."""
    if not isinstance(verb, AuditEvent.Verb):
        raise TypeError(f"audit verbs are AuditEvent.Verb members, not {verb!r}")
    event = AuditEvent(actor=actor if is_signed_in(actor) else None, verb=verb, data=data or {})  # type: ignore[misc]
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_id = str(target.pk)
    event.save()
    return event
