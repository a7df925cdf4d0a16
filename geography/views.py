from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.models import Job
from core.roles import Role
from geography.models import Neighbourhood


@login_required
def neighbourhood_list(request: HttpRequest) -> HttpResponse:
    neighbourhoods = Neighbourhood.objects.visible_to(request.user).select_related("force")
    return render(request, "geography/neighbourhood_list.html", {"neighbourhoods": neighbourhoods})


@login_required
def neighbourhood_detail(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = get_object_or_404(Neighbourhood.objects.visible_to(request.user).select_related("force"), pk=pk)
    memberships = neighbourhood.memberships.select_related("lsoa").order_by("lsoa__code")
    return render(
        request,
        "geography/neighbourhood_detail.html",
        {"neighbourhood": neighbourhood, "memberships": memberships},
    )


def _require_analyst(request: HttpRequest) -> None:
    if not request.user.has_role(Role.ANALYST, Role.ADMINISTRATOR):  # type: ignore[union-attr]
        raise PermissionDenied


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    _require_analyst(request)
    return render(request, "geography/job_list.html", {"jobs": Job.objects.all()[:50]})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_analyst(request)
    job = get_object_or_404(Job, pk=pk)
    template = "geography/partials/job_status.html" if request.htmx else "geography/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})
