"""Neighbourhood pages (list, detail with map and table twin) and the import jobs analysts watch."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.jobs import job_rerun as job_rerun_service
from core.jobs import job_row, kinds
from core.jobs import job_start as job_start_service
from core.models import Job
from geography.api.permissions import VIEW_NEIGHBOURHOOD
from geography.models import EDITION_VINTAGE, LSOA, Edition, Neighbourhood, NeighbourhoodLSOA, Vintage
from geography.selectors import membership_vintages, memberships_with_imd, population_by_membership


@login_required
def neighbourhood_list(request: HttpRequest) -> HttpResponse:
    neighbourhoods = Neighbourhood.objects.visible_to(request.user).select_related("force").defer("boundary")
    return render(request, "geography/neighbourhood_list.html", {"neighbourhoods": neighbourhoods})


def _require_view(request: HttpRequest, neighbourhood: Neighbourhood) -> None:
    """The same question the API asks (core.api.HasPerm); the scope QuerySet already found the row."""
    if not request.user.has_perm(VIEW_NEIGHBOURHOOD, neighbourhood):
        raise PermissionDenied


def _vintage_choice(request: HttpRequest, vintages: list[int]) -> int | None:
    """The LSOA vintage to show: ?vintage= when it is one the area has, else the newest. One at a time, never mixed."""
    asked = request.GET.get("vintage", "")
    if asked.isdigit() and int(asked) in vintages:
        return int(asked)
    return vintages[-1] if vintages else None


@login_required
def neighbourhood_detail(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.visible_to(request.user).select_related("force", "parent").defer("boundary"), pk=pk
    )
    _require_view(request, neighbourhood)
    vintages = membership_vintages(neighbourhood)
    vintage = _vintage_choice(request, vintages)
    edition = next((e for e, v in EDITION_VINTAGE.items() if v == vintage), Edition.IOD2019)
    memberships = list(
        memberships_with_imd(neighbourhood, edition=edition).filter(lsoa__vintage=vintage or 0).defer("lsoa__geometry")
    )
    return render(
        request,
        "geography/neighbourhood_detail.html",
        {
            "neighbourhood": neighbourhood,
            "memberships": memberships,
            "vintage": vintage,
            "vintage_label": Vintage(vintage).label if vintage else None,
            "vintages": [(v, Vintage(v).label) for v in vintages],
            "edition_label": Edition(edition).label,
            "population": population_by_membership(memberships),
            "map_url": reverse("api-geography:neighbourhood-lsoas", args=[neighbourhood.pk])
            + (f"?vintage={vintage}" if vintage else ""),
        },
    )


@login_required
def lsoa_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One LSOA: visible when it belongs to a neighbourhood the user can see (scope follows the neighbourhoods)."""
    visible = NeighbourhoodLSOA.objects.visible_to(request.user)
    lsoa = get_object_or_404(LSOA.objects.filter(memberships__in=visible).distinct().defer("geometry"), pk=pk)
    memberships = list(visible.filter(lsoa=lsoa).select_related("neighbourhood").order_by("neighbourhood__name"))
    _require_view(request, memberships[0].neighbourhood)
    return render(request, "geography/lsoa_detail.html", {"lsoa": lsoa, "memberships": memberships})


JOBS_PER_PAGE = 50


def _require_job_access(request: HttpRequest) -> None:
    """Import jobs are the analysts' and administrators' tools (architecture: roles table): ``core.view_job``."""
    if not request.user.has_perm("core.view_job"):
        raise PermissionDenied


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    """Every job, newest first: imports from the web or the command line, their follow-ups, nightly runs."""
    _require_job_access(request)
    page = Paginator(Job.objects.select_related("created_by"), JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "geography/job_list.html",
        {
            "page": page,
            "rows": [job_row(job) for job in page.object_list],
            "startable": [kind for kind in kinds() if kind.web_start],
        },
    )


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_job_access(request)
    row = job_row(get_object_or_404(Job.objects.select_related("created_by", "parent"), pk=pk))
    # htmx polls re-render only the status panel (templates/includes/job_status.html).
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "includes/job_status.html", {"job": row.job, "poll_url": request.path})
    follow_ups = [job_row(job) for job in row.job.follow_ups.select_related("created_by").order_by("pk")]
    return render(
        request,
        "geography/job_detail.html",
        {"row": row, "job": row.job, "follow_ups": follow_ups, "poll_url": request.path},
    )


@login_required
@require_POST
def job_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the same work again through Celery (after a failure, or to refresh)."""
    _require_job_access(request)
    job = get_object_or_404(Job, pk=pk)
    if not job_row(job).rerunnable:
        raise Http404("This job cannot be run again from here.")
    new = job_rerun_service(job=job, actor=request.user)  # type: ignore[arg-type]
    return redirect("geography:job-detail", new.pk)


@login_required
@require_POST
def job_start(request: HttpRequest, kind: str) -> HttpResponse:
    """Start a kind that needs no parameters (relink crimes, refresh profile figures) through Celery."""
    _require_job_access(request)
    if kind not in {item.name for item in kinds() if item.web_start}:
        raise Http404("No such job.")
    job = job_start_service(kind=kind, params={}, actor=request.user)  # type: ignore[arg-type]
    return redirect("geography:job-detail", job.pk)
