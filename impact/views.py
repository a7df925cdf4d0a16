"""The impact pages: study list, new study, study with its latest run, and starting a run (POST).

Thin views: scope (``visible_to``), permission (``has_perm``), a form, a service, render. GET never writes;
a run is a POST that queues the ``impact.evaluate`` job on commit.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.tiers import max_tier
from core.jobs import job_start
from impact import charts
from impact.forms import OUTCOMES, StudyForm
from impact.models import ImpactRun, ImpactStudy
from impact.permissions import ADD, VIEW
from impact.services import study_create as create_study
from problem_solving.selectors import readable_plans

LABELS = dict(OUTCOMES)


def _study(request: HttpRequest, pk: int) -> ImpactStudy:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    study = get_object_or_404(
        ImpactStudy.objects.visible_to(request.user).select_related("force", "plan__neighbourhood"), pk=pk
    )
    if not request.user.has_perm(VIEW, study):
        raise PermissionDenied
    return study


@login_required
def study_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    studies = ImpactStudy.objects.visible_to(request.user).select_related("force")[:100]
    return render(request, "impact/list.html", {"studies": studies, "can_add": request.user.has_perm(ADD)})


@login_required
def study_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(ADD):
        raise PermissionDenied
    force = getattr(request.user, "force", None)
    form = StudyForm(request.POST if request.method == "POST" else None, force=force, user=request.user)
    if request.method == "POST" and form.is_valid():
        study = create_study(actor=request.user, **form.study_fields())  # type: ignore[arg-type]
        return redirect("impact:study", study.pk)
    return render(request, "impact/form.html", {"form": form})


@login_required
@require_POST
def study_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(request, pk)
    if not request.user.has_perm(ADD):
        raise PermissionDenied
    job = job_start(
        kind="impact.evaluate",
        params={"study": study.pk, "confirm_gaps": request.POST.get("confirm_gaps") == "yes"},
        actor=request.user,  # type: ignore[arg-type]  # signed in (login_required)
    )
    return redirect("geography:job-detail", job.pk)


@login_required
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(request, pk)
    run = study.latest_run
    # The plan is named and linked only to a reader who may read it (problem_solving's selector: scope, tier).
    plan_readable = study.plan_id is not None and (
        readable_plans(request.user, max_tier(request.user)).filter(pk=study.plan_id).exists()
    )
    outcomes: list[dict[str, Any]] = []
    if run is not None and run.status == ImpactRun.Status.COMPLETE:
        for slug, result in run.results.get("outcomes", {}).items():
            outcomes.append(
                {
                    "slug": slug,
                    "label": LABELS.get(slug, slug),
                    "r": result,
                    "bars": charts.pct_bars(result),
                    "line": charts.series_lines(result.get("series", []), intervention=study.after_months[0]),
                }
            )
    return render(
        request,
        "impact/detail.html",
        {
            "study": study,
            "plan_readable": plan_readable,
            "run": run,
            "outcomes": outcomes,
            "labels": LABELS,
            "can_run": request.user.has_perm(ADD),
            "print": request.GET.get("print") == "1",
        },
    )
