"""What every police.uk-compatible view shares: no sign-in, the police.uk rate limit, JSON errors, lookups."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from geography.models import Force, Neighbourhood
from policeuk.throttling import PoliceUkThrottle


class PoliceUkView(APIView):
    """Public tier only, no login (police.uk needs none), rate-limited; errors are JSON ``{"detail": ...}``."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [PoliceUkThrottle]
    renderer_classes = [JSONRenderer]


def get_force(slug: str) -> Force:
    force = Force.objects.filter(slug=slug).first()
    if force is None:
        raise NotFound("No such force.")
    return force


def neighbourhoods_of(force: Force) -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.filter(force=force)


def get_neighbourhood(force_slug: str, code: str) -> Neighbourhood:
    hood = Neighbourhood.objects.filter(force__slug=force_slug, code=code).select_related("force").first()
    if hood is None:
        raise NotFound("No such neighbourhood in that force.")
    return hood
