"""Sign-in throttling (issue 14): django-axes's check, and the client address it keys lockouts on."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest


class SignInThrottleBackend(AxesStandaloneBackend):
    """Refuses a locked-out username and address before any password is checked.

    Every sign-in over HTTP passes a request (Django's LoginView and the admin's both do). A call without one
    comes from inside the process (the test client's ``login``, a shell), with no client to throttle; axes
    would raise there, so it is let through to the password check.
    """

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)  # type: ignore[no-any-return]


def client_ip(request: HttpRequest) -> str:
    """The address a lockout is keyed on.

    Behind our TLS proxy (DJANGO_BEHIND_TLS_PROXY) every request comes from the proxy, so the client is the
    right-most X-Forwarded-For entry: the one the proxy appended. Entries left of it are the client's own
    claims and could be forged to dodge a lockout.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return str(request.META.get("REMOTE_ADDR", ""))
