"""Neighbourhood pages (list, detail with map and table twin) and the import jobs analysts watch."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.models import Job
from geography.models import Neighbourhood
from geography.selectors import memberships_with_imd


@login_required
def neighbourhood_list(request: HttpRequest) -> HttpResponse:
    neighbourhoods = Neighbourhood.objects.visible_to(request.user).select_related("force").defer("boundary")
    return render(request, "geography/neighbourhood_list.html", {"neighbourhoods": neighbourhoods})


@login_required
def neighbourhood_detail(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.visible_to(request.user).select_related("force", "parent").defer("boundary"), pk=pk
    )
    return render(
        request,
        "geography/neighbourhood_detail.html",
        {"neighbourhood": neighbourhood, "memberships": memberships_with_imd(neighbourhood).defer("lsoa__geometry")},
    )


def _require_job_access(request: HttpRequest) -> None:
    """Import jobs are the analysts' and administrators' tools (architecture: roles table): ``core.view_job``."""
    if not request.user.has_perm("core.view_job"):
        raise PermissionDenied


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    _require_job_access(request)
    jobs = [job.with_live_progress() for job in Job.objects.select_related("created_by")[:50]]
    return render(request, "geography/job_list.html", {"jobs": jobs})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_job_access(request)
    job = get_object_or_404(Job.objects.select_related("created_by"), pk=pk).with_live_progress()
    # htmx polls re-render only the status panel (templates/includes/job_status.html).
    template = "includes/job_status.html" if request.htmx else "geography/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "poll_url": request.path})
