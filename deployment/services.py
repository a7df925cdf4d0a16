"""Writes to scoring methods: a new version is the only way to change a method."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from accounts.models import User
from core.audit import audit_record
from core.models import AuditEvent
from deployment.models import ScoringMethod


@transaction.atomic
def method_new_version(
    *,
    name: str,
    components: list[dict[str, Any]],
    parameters: dict[str, Any] | None = None,
    notes: str = "",
    agree: bool = False,
    actor: User | None,
) -> ScoringMethod:
    """Version n+1 of the method NAME (1 if new); AGREE makes it the agreed version and retires the one before."""
    latest = ScoringMethod.objects.select_for_update().filter(name=name).aggregate(v=Max("version"))["v"] or 0
    method = ScoringMethod(
        name=name,
        version=latest + 1,
        components=components,
        parameters=parameters or {},
        notes=notes,
        created_by=actor,
        status=ScoringMethod.Status.DRAFT,
    )
    method.full_clean()
    method.save()
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.DEPLOYMENT_METHOD_VERSIONED,
        target=method,
        data={"name": name, "version": method.version, "components": method.components},
    )
    if agree:
        method_agree(method=method, actor=actor)
    return method


@transaction.atomic
def method_agree(*, method: ScoringMethod, actor: User | None) -> ScoringMethod:
    """Make METHOD the agreed version of its name; the previously agreed version is retired."""
    for other in (
        ScoringMethod.objects.select_for_update()
        .filter(name=method.name, status=ScoringMethod.Status.AGREED)
        .exclude(pk=method.pk)
    ):
        other.status = ScoringMethod.Status.RETIRED
        other.save(update_fields=["status"])
    method.status = ScoringMethod.Status.AGREED
    method.save(update_fields=["status"])
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.DEPLOYMENT_METHOD_AGREED,
        target=method,
        data={"name": method.name, "version": method.version},
    )
    return method


def method_agreed(name: str | None = None) -> ScoringMethod | None:
    """The agreed method (of NAME, or the newest agreed of any name)."""
    methods = ScoringMethod.objects.filter(status=ScoringMethod.Status.AGREED)
    if name is not None:
        methods = methods.filter(name=name)
    return methods.order_by("-created_at", "-pk").first()
