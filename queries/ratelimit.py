"""Rate limits for the public query form, counted in the cache (Redis in production) with fixed windows.

Two limits: per client (a salted hash of the address, never the address itself) and per neighbourhood (a
flood aimed at one team). No third-party service: the issue asks for abuse resistance without one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone


@dataclass(frozen=True)
class Limit:
    key: str
    allowed: int


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind the TLS proxy (DJANGO_BEHIND_TLS_PROXY) every request comes from the proxy,
    so the address the proxy appended to X-Forwarded-For is used: the last entry, the only one it vouches for.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def client_key(request: HttpRequest) -> str:
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def _window_key(key: str) -> str:
    window = int(timezone.now().timestamp()) // settings.QUERY_RATE_WINDOW
    return f"queries:rate:{key}:{window}"


def limits_for(request: HttpRequest, neighbourhood_id: int) -> list[Limit]:
    return [
        Limit(f"client:{client_key(request)}", settings.QUERY_RATE_PER_CLIENT),
        Limit(f"neighbourhood:{neighbourhood_id}", settings.QUERY_RATE_PER_NEIGHBOURHOOD),
    ]


def over_limit(limits: list[Limit]) -> bool:
    """True when any limit is used up in this window (read only: a refused attempt is not counted)."""
    for limit in limits:
        if int(cache.get(_window_key(limit.key), 0)) >= limit.allowed:
            return True
    return False


def count(limits: list[Limit]) -> None:
    """Count one sent query against each limit."""
    for limit in limits:
        key = _window_key(limit.key)
        cache.add(key, 0, timeout=settings.QUERY_RATE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.QUERY_RATE_WINDOW)
