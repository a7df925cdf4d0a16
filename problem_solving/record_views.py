"""Plan pages for the records under a plan (issue 10): editing and completing actions, the record of activity,
the crime-evidence settings and the print view. Thin views, as in ``problem_solving.views``; GET never writes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.locking import EditConflict
from problem_solving import services
from problem_solving.evidence import plan_evidence
from problem_solving.forms import ActionEditForm, ActivityForm, EvidenceForm, VersionForm
from problem_solving.models import Plan, PlanAction
from problem_solving.rules import CHANGE
from problem_solving.views import _editable, _errors_to_form, _readable, simple_form_page


def _action(plan: Plan, action_pk: int) -> PlanAction:
    return get_object_or_404(PlanAction.objects.select_related("plan"), plan=plan, pk=action_pk)


def _with_current_version(form: ActionEditForm | EvidenceForm, exc: EditConflict) -> None:
    """After a conflict the form carries the current version, so saving again knowingly keeps this version."""
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(exc.current_version or 0)
    form.data = data


@login_required
def action_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    action = _action(plan, action_pk)
    form = ActionEditForm(request.POST or None, instance=action)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update_action(
                action=PlanAction.objects.get(pk=action.pk),
                values=form.values(),
                loaded_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except EditConflict as exc:
            conflict = exc
            _with_current_version(form, exc)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Action saved.")
            return redirect("problem_solving:detail", plan.pk)
    return render(
        request,
        "problem_solving/action.html",
        {"form": form, "plan": plan, "action": action, "conflict": conflict},
        status=409 if conflict else (400 if form.is_bound else 200),
    )


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Mark an action done from the plan page (the version posted guards against a concurrent edit)."""
    plan = _editable(request, pk)
    action = _action(plan, action_pk)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.plan_update_action(
                action=action,
                values={"status": PlanAction.Status.DONE},
                loaded_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except EditConflict as exc:
            form.add_error(None, exc.describe())
        else:
            messages.success(request, "Action marked as done.")
            return redirect("problem_solving:detail", plan.pk)
    return render(request, "problem_solving/submit.html", {"form": form, "plan": plan}, status=400)


@login_required
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    return simple_form_page(
        request,
        plan=plan,
        form=ActivityForm(request.POST or None),
        save=lambda data: services.plan_log_activity(plan=plan, actor=request.user, **data),
        success="Added to the record of activity.",
        heading="Record an activity or meeting",
        button="Add to the record",
    )


@login_required
def evidence_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    initial = {
        "version": plan.version,
        "lsoas": list(plan.area_lsoas.all()),
        "categories": plan.crime_categories,
        "intervention_start": plan.intervention_start,
        "evidence_months": plan.evidence_months,
    }
    form = EvidenceForm(request.POST or None, plan=plan, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_set_evidence(
                plan=plan,
                lsoas=list(data["lsoas"]),
                categories=data["categories"],
                intervention_start=data["intervention_start"],
                evidence_months=data["evidence_months"],
                loaded_version=data["version"],
                actor=request.user,
            )
        except EditConflict as exc:
            conflict = exc
            _with_current_version(form, exc)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "The plan's area and crime categories are saved.")
            return redirect("problem_solving:detail", plan.pk)
    return render(
        request,
        "problem_solving/edit.html",
        {"form": form, "plan": plan, "stage_title": "Area and crime evidence", "conflict": conflict},
        status=409 if conflict else (400 if form.is_bound else 200),
    )


@login_required
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole plan on one page for printing (print CSS; the browser's "Save as PDF" makes the PDF)."""
    plan = _readable(request, pk)
    return render(
        request,
        "problem_solving/print.html",
        {
            "plan": plan,
            "actions": list(plan.actions.all()),
            "events": list(plan.events.select_related("by")),
            "activities": list(plan.activities.select_related("recorded_by")),
            "reviews": list(plan.reviews.select_related("by")),
            "evidence": plan_evidence(plan),
            "may_change": request.user.has_perm(CHANGE, plan),
            "printing": True,
        },
    )
