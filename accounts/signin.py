"""Sign-in lockouts (issue 14): audit each lockout, and let an administrator unlock early."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.db import transaction

from accounts.models import User
from core.audit import audit_record
from core.models import AuditEvent


@transaction.atomic
def record_lockout(*, username: str, ip_address: str, path: str) -> AuditEvent:
    """Audit one lockout; the target is the account when the username names one."""
    account = User.objects.filter(username=username).first() if username else None
    return audit_record(
        actor=None,
        verb=AuditEvent.Verb.SIGNIN_LOCKED_OUT,
        target=account,
        data={"username": username[:150], "ip_address": ip_address, "path": path[:200]},
    )


@transaction.atomic
def unlock_sign_in(*, username: str, actor: User | None) -> int:
    """Remove the failed attempts recorded against USERNAME (from every address); returns how many there were."""
    attempts = AccessAttempt.objects.filter(username=username)
    rows = list(attempts.values_list("ip_address", "failures_since_start"))
    addresses = sorted({str(address) for address, _ in rows})
    removed = sum(failures for _, failures in rows)
    attempts.delete()
    if rows:
        account = User.objects.filter(username=username).first()
        audit_record(
            actor=actor,
            verb=AuditEvent.Verb.SIGNIN_UNLOCKED,
            target=account,
            data={"username": username, "ip_addresses": addresses, "failures_cleared": removed},
        )
    return removed


def on_user_locked_out(
    sender: Any, request: Any = None, username: str = "", ip_address: str = "", **kwargs: Any
) -> None:
    """Receiver for axes' user_locked_out signal (connected in AccountsConfig.ready)."""
    record_lockout(username=username or "", ip_address=ip_address or "", path=getattr(request, "path", ""))
