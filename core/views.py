"""Views that belong to no feature: the liveness probe."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer or docker-compose healthcheck, and the load benchmark's bare view.

    It touches neither the database nor a template, so its latency is the stack's own (bench/load.py).
    """
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
