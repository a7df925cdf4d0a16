"""Problem-solving plan pages (issue 10): thin views (scope, permission, form, service, render). GET never writes.

A plan is read through scope first (``visible_to`` then the reader's tier: 404 outside it, so existence does not
leak), then the ``rules`` permission (403). Every write goes through ``problem_solving.services``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.tiers import max_tier
from core.locking import EditConflict
from geography.models import Neighbourhood
from problem_solving import selectors, services
from problem_solving.closing import priority_open
from problem_solving.evidence import plan_evidence
from problem_solving.forms import (
    STAGE_TITLES,
    ActionForm,
    CloseForm,
    PeriodicReviewForm,
    ReviewForm,
    StartForm,
    VersionForm,
    stage_form,
)
from problem_solving.models import Plan
from problem_solving.rules import ADD, CHANGE, DASHBOARD, REVIEW, VIEW


def _readable(request: HttpRequest, pk: int) -> Plan:
    plan = get_object_or_404(selectors.readable_plans(request.user, max_tier(request.user)), pk=pk)
    if not request.user.has_perm(VIEW, plan):
        raise PermissionDenied
    return plan


def _editable(request: HttpRequest, pk: int) -> Plan:
    plan = _readable(request, pk)
    if not request.user.has_perm(CHANGE, plan):
        raise PermissionDenied
    return plan


def _errors_to_form(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


def simple_form_page(
    request: HttpRequest,
    *,
    plan: Plan,
    form: BaseForm,
    save: Callable[[dict[str, Any]], object],
    success: str,
    heading: str,
    button: str,
) -> HttpResponse:
    """One form on the plan: a valid POST runs SAVE with the cleaned data and goes back to the plan; the
    service's ValidationError or EditConflict lands on the form, shown again with status 400.
    """
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except EditConflict as exc:
            form.add_error(None, exc.describe())
        else:
            messages.success(request, success)
            return redirect("problem_solving:detail", plan.pk)
    context = {"form": form, "plan": plan, "heading": heading, "button": button}
    return render(request, "problem_solving/simple_form.html", context, status=400 if form.is_bound else 200)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    plans = list(selectors.readable_plans(request.user, max_tier(request.user)).order_by("-created_at")[:200])
    return render(request, "problem_solving/index.html", {"title": "Problem-solving plans", "plans": plans})


def _priority_for(request: HttpRequest) -> Any:
    """The priority named by ?priority=<digits>, in the reader's scope, or None when no parameter is given."""
    raw = request.GET.get("priority", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404("No such priority")
    # priorities.Priority through the relation: feature apps never import each other's models.
    priority_model: Any = Plan._meta.get_field("priority").related_model
    return get_object_or_404(
        priority_model.objects.visible_to(request.user).at_most(max_tier(request.user)).select_related("neighbourhood"),
        pk=int(raw),
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    """Start a plan from a priority (?priority=<id>) or, from tasking, for a neighbourhood (?neighbourhood=<id>)."""
    priority = _priority_for(request)
    if priority is not None:
        neighbourhood = priority.neighbourhood
        existing = Plan.objects.filter(priority=priority).first()
        if existing is not None:
            return redirect("problem_solving:detail", existing.pk)
    else:
        raw = request.GET.get("neighbourhood", "")
        if not raw.isdigit():
            raise Http404("Start a plan from a priority or a neighbourhood")
        neighbourhood = get_object_or_404(Neighbourhood.objects.visible_to(request.user), pk=int(raw))
    if not request.user.has_perm(ADD, neighbourhood):
        raise PermissionDenied
    initial = {"title": priority.title} if priority is not None else {}
    form = StartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                neighbourhood=neighbourhood, priority=priority, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, f"Plan {plan.reference} started. Work through each SARA stage.")
            return redirect("problem_solving:detail", plan.pk)
    return render(
        request,
        "problem_solving/start.html",
        {"form": form, "neighbourhood": neighbourhood, "priority": priority},
        status=400 if form.is_bound else 200,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _readable(request, pk)
    user = request.user
    may_change = user.has_perm(CHANGE, plan) and plan.status in Plan.EDITABLE
    may_review = user.has_perm(REVIEW, plan)
    return render(
        request,
        "problem_solving/detail.html",
        {
            "plan": plan,
            "actions": list(plan.actions.all()),
            "events": list(plan.events.select_related("by")),
            "activities": list(plan.activities.select_related("recorded_by")),
            "reviews": list(plan.reviews.select_related("by")),
            "evidence": plan_evidence(plan),
            "priority_open": priority_open(plan),
            "stages": STAGE_TITLES,
            "may_change": may_change,
            "may_review": may_review,
            "overdue": plan.review_overdue(),
            "version_form": VersionForm(initial={"version": plan.version}),
        },
    )


@login_required
def edit(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    if stage not in services.STAGES:
        raise Http404("No such stage")
    plan = _editable(request, pk)
    form = stage_form(stage)(request.POST or None, instance=plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan,
                stage=stage,
                values=form.values(),  # type: ignore[attr-defined]
                loaded_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except EditConflict as exc:
            conflict = exc
            data = form.data.copy()  # type: ignore[attr-defined]
            data["version"] = str(exc.current_version or 0)
            form.data = data
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, f"{STAGE_TITLES[stage]} saved.")
            return redirect("problem_solving:detail", plan.pk)
    return render(
        request,
        "problem_solving/edit.html",
        {"form": form, "plan": plan, "stage": stage, "stage_title": STAGE_TITLES[stage], "conflict": conflict},
        status=409 if conflict else (400 if form.is_bound else 200),
    )


@login_required
def add_action(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_add_action(plan=plan, values=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Action added.")
            return redirect("problem_solving:detail", plan.pk)
    return render(
        request, "problem_solving/action.html", {"form": form, "plan": plan}, status=400 if form.is_bound else 200
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.plan_submit(plan=plan, loaded_version=form.cleaned_data["version"], actor=request.user)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except EditConflict as exc:
            form.add_error(None, exc.describe())
        else:
            messages.success(request, "Plan submitted to the sergeant for review.")
            return redirect("problem_solving:detail", plan.pk)
    return render(request, "problem_solving/submit.html", {"form": form, "plan": plan}, status=400)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The sergeant approves or returns a submitted plan (never their own; their team's only)."""
    plan = _readable(request, pk)
    if not request.user.has_perm(REVIEW, plan):
        raise PermissionDenied
    form = ReviewForm(request.POST or None, initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.plan_approve(
                    plan=plan, comment=data["comment"], loaded_version=data["version"], actor=request.user
                )
            else:
                services.plan_return(
                    plan=plan, reason=data["comment"], loaded_version=data["version"], actor=request.user
                )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except EditConflict as exc:
            form.add_error(None, exc.describe())
        else:
            messages.success(request, "Plan approved." if data["decision"] == "approve" else "Plan returned.")
            return redirect("problem_solving:detail", plan.pk)
    return render(
        request, "problem_solving/review.html", {"form": form, "plan": plan}, status=400 if form.is_bound else 200
    )


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    return _move(request, plan, services.plan_start, "Plan is now in progress.")


@login_required
@require_POST
def submit_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    return _move(request, plan, services.plan_submit_assessment, "Assessment submitted for the sergeant.")


def _move(request: HttpRequest, plan: Plan, service: Any, done: str) -> HttpResponse:
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            service(plan=plan, loaded_version=form.cleaned_data["version"], actor=request.user)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except EditConflict as exc:
            form.add_error(None, exc.describe())
        else:
            messages.success(request, done)
            return redirect("problem_solving:detail", plan.pk)
    return render(request, "problem_solving/submit.html", {"form": form, "plan": plan}, status=400)


@login_required
def periodic_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _readable(request, pk)
    if not request.user.has_perm(REVIEW, plan):
        raise PermissionDenied
    return simple_form_page(
        request,
        plan=plan,
        form=PeriodicReviewForm(request.POST or None),
        save=lambda data: services.plan_review(plan=plan, note=data["note"], actor=request.user),
        success="Review recorded.",
        heading="Record a periodic review",
        button="Record the review",
    )


@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _readable(request, pk)
    if not request.user.has_perm(REVIEW, plan):
        raise PermissionDenied
    with_priority = priority_open(plan)
    initial = {"version": plan.version, "close_priority": "resolved", "decided_by": "team"}
    form = CloseForm(request.POST or None, initial=initial, with_priority=with_priority)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_close(
                plan=plan,
                justification=data["justification"],
                raisers_satisfied=data["raisers_satisfied"],
                close_priority=data.get("close_priority", ""),
                decided_by=data.get("decided_by") or "team",
                loaded_version=data["version"],
                actor=request.user,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except EditConflict as exc:
            form.add_error(None, exc.describe())
        except PermissionDenied as exc:
            form.add_error("close_priority" if with_priority else None, str(exc))
        else:
            messages.success(request, "Plan closed.")
            return redirect("problem_solving:detail", plan.pk)
    return render(
        request,
        "problem_solving/simple_form.html",
        {"form": form, "plan": plan, "heading": "Close the plan", "button": "Close the plan"},
        status=400 if form.is_bound else 200,
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The sergeant's dashboard: their team's neighbourhoods (an inspector's: those they read)."""
    user = request.user
    if not user.has_perm(DASHBOARD):
        raise PermissionDenied
    if user.has_perm(REVIEW):
        neighbourhoods = Neighbourhood.objects.editable_by(user)
    else:
        neighbourhoods = Neighbourhood.objects.visible_to(user)
    board = selectors.dashboard(neighbourhoods)
    return render(request, "problem_solving/dashboard.html", {"board": board})
