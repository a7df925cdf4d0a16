"""police.uk's rate limit: 15 requests a second with bursts of 30, then 429 with Retry-After.

DRF's cache-backed throttle (Redis in production) over a two-second window of 30 requests: the same average
and the same burst as police.uk's leaky bucket (reference-anchors §1.1). ``POLICE_UK_API_RATE`` (requests,
seconds) overrides it, e.g. in tests that make many requests from one address.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

DEFAULT_RATE = (30, 2)


class PoliceUkThrottle(AnonRateThrottle):
    scope = "police-uk"

    def get_rate(self) -> str:
        return "police-uk"  # any non-empty string: parse_rate reads the setting instead

    def parse_rate(self, rate: str | None) -> tuple[int, int]:  # type: ignore[override]
        requests, seconds = getattr(settings, "POLICE_UK_API_RATE", DEFAULT_RATE)
        return int(requests), int(seconds)

    def get_cache_key(self, request, view):  # type: ignore[no-untyped-def]
        # Every caller counts, signed in or not: the public API is the same for both.
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
