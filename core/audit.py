"""Writing audit events from services."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import AuditEvent


def audit_record(
    *, actor: Any, verb: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Record that ACTOR did VERB to TARGET (actor may be None for system jobs)."""
    event = AuditEvent(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        data=data or {},
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_id = str(target.pk)
    event.save()
    return event
