"""One priority: its page with history, and the lifecycle moves (propose, promote, edit, activate, review,
"we did" update, close). Thin views: scope, permission, form, service, render. GET never writes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.tiers import max_tier
from core.locking import EditConflict
from core.tiers import Tier
from geography.models import Neighbourhood
from priorities import services
from priorities.forms import ActivateForm, CloseForm, PriorityForm, ReviewForm, UpdateForm
from priorities.models import Priority
from priorities.rules import ADD, CHANGE
from priorities.selectors import has_plan, review_state, settings_for
from priorities.views._common import editable, readable

ADD_CONCERN = "engagement.add_concern"  # promoting needs the right to record concerns too
VIEW_KIN = "engagement.view_kincontact"  # the tactical KIN names people: police only


def _errors_to_form(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


def _history(priority: Priority) -> list[dict[str, Any]]:
    """When the priority changed and why: its history records, newest first."""
    records = list(priority.history.select_related("history_user").order_by("-history_date")[:50])
    out = []
    for record in records:
        previous = record.prev_record
        changed = [c.field for c in record.diff_against(previous).changes] if previous is not None else []
        out.append(
            {
                "at": record.history_date,
                "by": (record.history_user.get_full_name() or record.history_user.username)
                if record.history_user
                else "System",
                "what": record.history_change_reason or ("Created" if record.history_type == "+" else "Changed"),
                "status": record.get_status_display(),
                "fields": changed,
            }
        )
    return out


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    priority = readable(request, pk)
    settings = settings_for(priority.neighbourhood)
    due, overdue, soon = review_state(priority, months=settings.review_months)
    may_change = request.user.has_perm(CHANGE, priority.neighbourhood)
    tier = max_tier(request.user)
    # The tactical KIN gathered for this priority (engagement.KeyContact.kin_priority, read through the reverse
    # accessor: no import between the apps). Police only, as the register's personal fields are.
    kin = (
        list(priority.tactical_kin.order_by("organisation", "role"))  # type: ignore[attr-defined]
        if tier >= Tier.POLICE and request.user.has_perm(VIEW_KIN, priority.neighbourhood)
        else None
    )
    return render(
        request,
        "priorities/detail.html",
        {
            "priority": priority,
            "updates": list(priority.updates.select_related("created_by")),
            "reviews": list(priority.reviews.select_related("reviewed_by")),
            "events": list(priority.events.order_by("-starts_at")),
            "concerns": list(priority.concerns.all()) if request.user.has_perm("engagement.view_concern") else [],
            "history": _history(priority),
            "tactical_kin": kin,
            "reader_tier": tier,
            "review_due": due,
            "overdue": overdue,
            "due_soon": soon,
            "has_plan": has_plan(priority),
            "may_change": may_change,
            "settings": settings,
            "activate_form": ActivateForm(initial={"version": priority.version}) if may_change else None,
            "update_form": UpdateForm() if may_change else None,
            "review_form": ReviewForm() if may_change else None,
        },
    )


@login_required
def create(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = get_object_or_404(Neighbourhood.objects.visible_to(request.user), pk=neighbourhood_pk)
    if not request.user.has_perm(ADD, neighbourhood):
        raise PermissionDenied
    form = PriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        priority = services.priority_propose(neighbourhood=neighbourhood, values=form.values(), actor=request.user)
        messages.success(request, "Priority proposed. Record the ECHR check to make it active.")
        return redirect("priorities:detail", priority.pk)
    return render(
        request,
        "priorities/form.html",
        {"form": form, "neighbourhood": neighbourhood, "adding": True},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def promote(request: HttpRequest, concern_pk: int) -> HttpResponse:
    """Promote a concern to a candidate priority, then ask for the SMART details on the edit page."""
    # engagement.Concern, reached through the string FK: feature apps never import each other's models.
    concern_model: Any = Priority._meta.get_field("concerns").related_model
    concern = get_object_or_404(
        concern_model.objects.visible_to(request.user).select_related("event", "neighbourhood"), pk=concern_pk
    )
    if not (
        request.user.has_perm(ADD, concern.neighbourhood) and request.user.has_perm(ADD_CONCERN, concern.neighbourhood)
    ):
        raise PermissionDenied
    priority = services.priority_promote_concern(concern=concern, actor=request.user)
    messages.success(request, "Candidate priority created from the issue raised. Make its title and details specific.")
    return redirect("priorities:edit", priority.pk)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority = editable(request, pk)
    form = PriorityForm(request.POST or None, instance=priority)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_update(
                priority=priority,
                values=form.values(),
                loaded_version=form.cleaned_data["version"] or 0,
                actor=request.user,
            )
        except EditConflict as exc:
            conflict = exc
            data = form.data.copy()  # type: ignore[attr-defined]
            data["version"] = str(exc.current_version or 0)
            form.data = data
        else:
            messages.success(request, "Priority saved.")
            return redirect("priorities:detail", priority.pk)
    return render(
        request,
        "priorities/form.html",
        {"form": form, "neighbourhood": priority.neighbourhood, "priority": priority, "conflict": conflict},
        status=409 if conflict else (400 if form.is_bound else 200),
    )


def _retry(request: HttpRequest, priority: Priority, template: str, form: BaseForm, status: int = 400) -> HttpResponse:
    return render(request, template, {"priority": priority, "form": form}, status=status)


@login_required
@require_POST
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    priority = editable(request, pk)
    form = ActivateForm(request.POST)
    if form.is_valid():
        try:
            result = services.priority_activate(
                priority=priority,
                echr_checked=form.cleaned_data["echr_checked"],
                echr_note=form.cleaned_data["echr_note"],
                loaded_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except EditConflict as exc:
            form.add_error(None, exc.describe())
        else:
            messages.success(request, "Priority is now active.")
            if result.warning:
                messages.warning(request, result.warning)
            return redirect("priorities:detail", priority.pk)
    return _retry(request, priority, "priorities/activate.html", form)


@login_required
@require_POST
def post_update(request: HttpRequest, pk: int) -> HttpResponse:
    priority = editable(request, pk)
    form = UpdateForm(request.POST)
    if form.is_valid():
        try:
            services.priority_post_update(priority=priority, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Update posted. It is shown on the public page.")
            return redirect("priorities:detail", priority.pk)
    return _retry(request, priority, "priorities/update.html", form)


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    priority = editable(request, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.priority_review(priority=priority, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Review recorded.")
            return redirect("priorities:detail", priority.pk)
    return _retry(request, priority, "priorities/review.html", form)


@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    priority = editable(request, pk)
    if priority.is_closed:
        messages.info(request, "This priority is already closed.")
        return redirect("priorities:detail", priority.pk)
    form = CloseForm(request.POST or None, priority=priority, initial={"version": priority.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_close(
                priority=priority,
                status=form.cleaned_data["status"],
                justification=form.cleaned_data["justification"],
                decided_by=form.cleaned_data["decided_by"],
                raisers_satisfied=form.cleaned_data["raisers_satisfied"],
                outcome=form.cleaned_data["outcome"],
                superseded_by=form.cleaned_data["superseded_by"],
                loaded_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except EditConflict as exc:
            form.add_error(None, exc.describe())
        else:
            messages.success(request, "Priority closed.")
            return redirect("priorities:detail", priority.pk)
    return render(
        request, "priorities/close.html", {"priority": priority, "form": form}, status=400 if form.is_bound else 200
    )
