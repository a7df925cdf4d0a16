"""The deployment pages: runs and their ranking (with breakdowns), CSV export, compare, map and planner.

Thin views: scope (``visible_to``), permission (``has_perm``), a form for the query string, a selector, render.
GET never writes; starting a run is a POST (``run_start``) that queues the job on commit.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.csv_export import csv_writer
from core.jobs import job_start
from deployment.forms import LAYERS, CompareForm, MapForm, PlanForm
from deployment.layers import lsoa_layer_queryset
from deployment.methods import COMPONENTS
from deployment.models import ScoreRun
from deployment.overlays import OVERLAYS, crime_months, overlay_points
from deployment.permissions import ADD_RUN, PLAN, VIEW_MAP, VIEW_RUN
from deployment.selectors import compare_runs, neighbourhood_scores, plan_allocation, runs_visible
from geography.models import Force, Neighbourhood

OGL = "Contains public sector information licensed under the Open Government Licence v3.0."


def _run(request: HttpRequest, pk: int) -> ScoreRun:
    if not request.user.has_perm(VIEW_RUN):
        raise PermissionDenied
    run = get_object_or_404(runs_visible(request.user), pk=pk)  # outside scope: 404, existence does not leak
    if not request.user.has_perm(VIEW_RUN, run):
        raise PermissionDenied
    return run


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_RUN):
        raise PermissionDenied
    runs = runs_visible(request.user).order_by("-started_at", "-pk")[:50]
    return render(request, "deployment/run_list.html", {"runs": runs, "can_start": request.user.has_perm(ADD_RUN)})


@login_required
@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    """Queue a run for the user's force (administrators: every force), on the worker, after commit."""
    if not request.user.has_perm(ADD_RUN):
        raise PermissionDenied
    force = getattr(request.user, "force", None)
    job = job_start(
        kind="compute_deployment_scores",
        params={"force": force.slug if force else None},
        actor=request.user,  # type: ignore[arg-type]  # signed in (login_required)
    )
    return redirect("geography:job-detail", job.pk)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    scores = list(neighbourhood_scores(run, request.user))
    others = runs_visible(request.user).exclude(pk=run.pk).filter(status=ScoreRun.Status.SUCCEEDED)
    return render(
        request,
        "deployment/run_detail.html",
        {
            "run": run,
            "scores": scores,
            "components": COMPONENTS,
            "compare_form": CompareForm(runs=others),
            "can_plan": request.user.has_perm(PLAN),
            "print": request.GET.get("print") == "1",
            "ogl": OGL,
        },
    )


@login_required
def run_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranking as CSV, the method and its caveats stated in the first rows."""
    run = _run(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deployment-run-{run.pk}.csv"'
    writer = csv_writer(response)  # formula-safe cells (core/csv_export.py)
    writer.writerow(["Method", str(run.method), "Scope", run.scope_label, "LSOA vintage", run.vintage])
    writer.writerow(["IoD edition", run.edition, "Crime window", f"{run.window_start} to {run.window_end}"])
    writer.writerow(["Coverage", run.coverage_note])
    for note in run.notes:
        writer.writerow(["Note", note])
    writer.writerow(["Source", OGL])
    writer.writerow([])
    keys = [c["key"] for c in run.method.components]
    writer.writerow(
        ["rank", "neighbourhood", "score", "band", "coverage_gap", "missing_input", "vli_style_reconstructed"]
        + [f"{key}_raw" for key in keys]
        + [f"{key}_contribution" for key in keys]
    )
    for row in neighbourhood_scores(run, request.user):
        parts = {part["key"]: part for part in row.components}
        writer.writerow(
            [_cell(row.rank), _safe(row.neighbourhood.name), _cell(row.score), row.band, row.coverage_gap, row.missing]
            + [_cell(row.vli)]
            + [_cell(parts.get(key, {}).get("raw")) for key in keys]
            + [_cell(parts.get(key, {}).get("contribution")) for key in keys]
        )
    return response


def _cell(value: object) -> str:
    return "missing" if value is None else str(value)


def _safe(text: str) -> str:
    # A name from an imported file starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@login_required
def run_compare(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    others = runs_visible(request.user).exclude(pk=run.pk).filter(status=ScoreRun.Status.SUCCEEDED)
    form = CompareForm(request.GET or None, runs=others)
    moves = None
    if form.is_valid():
        other = form.cleaned_data["other"]
        if not request.user.has_perm(VIEW_RUN, other):
            raise PermissionDenied
        moves = compare_runs(other, run, request.user)
    return render(request, "deployment/compare.html", {"run": run, "form": form, "moves": moves})


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    if not request.user.has_perm(PLAN):
        raise PermissionDenied
    rows = list(neighbourhood_scores(run, request.user))
    form = PlanForm(request.GET or None, neighbourhoods=[(s.neighbourhood_id, s.neighbourhood.name) for s in rows])
    result = None
    if form.is_valid():
        result = plan_allocation(
            run,
            request.user,
            officers=form.cleaned_data["officers"],
            per_neighbourhood=form.cleaned_data["per_neighbourhood"],
            excluded=form.excluded(),
        )
    return render(request, "deployment/plan.html", {"run": run, "form": form, "plan": result})


@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    """Neighbourhood boundaries and an LSOA choropleth of one force, with point layers (priorities, events, crime
    points) toggled on and off, a legend, and a sortable table twin for each layer.
    """
    if not request.user.has_perm(VIEW_MAP):
        raise PermissionDenied
    visible = Neighbourhood.objects.visible_to(request.user)
    forces = list(
        Force.objects.filter(neighbourhoods__in=visible).distinct().order_by("name").values_list("slug", "name")
    )
    default = getattr(getattr(request.user, "force", None), "slug", None) or (forces[0][0] if forces else "")
    data = request.GET or {"force": default, "layer": "imd_decile"}
    # The crime layer's months are the chosen force's (an unknown force gets none: the form names the error).
    # Matched in Python, not in SQL: the query string may hold anything (a NUL is a database error).
    slug = data.get("force", "")
    chosen = Force.objects.filter(slug=slug).first() if slug in dict(forces) else None
    months = [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in reversed(crime_months(chosen))] if chosen else []
    form = MapForm(data, forces=forces, months=months)
    shows_scores = request.user.has_perm(VIEW_RUN)
    layers = [(key, label) for key, label in LAYERS if shows_scores or key not in ("score", "band")]
    force = None
    if form.is_valid():
        force = Force.objects.get(slug=form.cleaned_data["force"])
    layer = (form.cleaned_data.get("layer") if form.is_valid() else "") or "imd_decile"
    if layer not in dict(layers):
        layer = "imd_decile"
    rows = []
    overlays = []
    points_query = ""
    if force is not None:  # the table twins: the same LSOAs, points and figures as the layers, without geometry
        lsoas, _ = lsoa_layer_queryset(force=force, user=request.user, zoom=11)
        rows = list(lsoas.values("code", "name", "imd_decile", "crime_rate", "score", "band"))  # type: ignore[misc]
        month_value, category = form.cleaned_data.get("month") or "", form.cleaned_data.get("category") or ""
        month = dt.date.fromisoformat(month_value + "-01") if month_value else None
        shown = set(form.cleaned_data.get("overlays") or [])
        for key, _ in OVERLAYS:
            overlay = overlay_points(key=key, force=force, user=request.user, month=month, category=category or None)
            overlays.append({"overlay": overlay, "shown": key in shown})
        query = {"force": force.slug, "month": month_value, "category": category}
        points_query = urlencode({name: value for name, value in query.items() if value})
    return render(
        request,
        "deployment/map.html",
        {
            "form": form,
            "force": force,
            "layer": layer,
            "layers": layers,
            "rows": rows,
            "overlays": overlays,
            "shows_scores": shows_scores,
            "layer_url": reverse("api-deployment:layer-lsoas") + (f"?force={force.slug}" if force else ""),
            "points_url": reverse("api-deployment:layer-points") + f"?{points_query}",
            "boundaries_url": reverse("api-geography:neighbourhood-list")
            + (f"?force={force.slug}&page_size=1000" if force else ""),
            "ogl": OGL,
        },
    )
