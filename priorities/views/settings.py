"""A neighbourhood's priority settings page (issue 9): the form, its history, GOV.UK errors, optimistic locking.

Readers of the neighbourhood's priorities see the settings and their history; only those granted
``change_prioritysettings`` for the neighbourhood (team leads) see and post the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from core.locking import EditConflict
from geography.models import Neighbourhood
from priorities.forms import SettingsForm
from priorities.models import PrioritySettings
from priorities.rules import SETTINGS, VIEW
from priorities.selectors import settings_for
from priorities.settings_services import priority_settings_save


def _history(neighbourhood: Neighbourhood) -> list[dict[str, Any]]:
    records = (
        PrioritySettings.history.filter(neighbourhood_id=neighbourhood.pk)
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )
    return [
        {
            "at": r.history_date,
            "by": (r.history_user.get_full_name() or r.history_user.username) if r.history_user else "System",
            "what": r.history_change_reason or "Changed",
            "max_current": r.max_current,
            "review_months": r.review_months,
        }
        for r in records
    ]


@login_required
def edit(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.visible_to(request.user).select_related("force"), pk=neighbourhood_pk
    )
    if not request.user.has_perm(VIEW, neighbourhood):
        raise PermissionDenied
    may_change = request.user.has_perm(SETTINGS, neighbourhood)
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    current = settings_for(neighbourhood)
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=current)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            priority_settings_save(
                neighbourhood=neighbourhood,
                max_current=form.cleaned_data["max_current"],
                review_months=form.cleaned_data["review_months"],
                loaded_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except EditConflict as exc:
            conflict = exc
            data = form.data.copy()  # type: ignore[attr-defined]
            data["version"] = str(exc.current_version or 0)
            form.data = data
        else:
            messages.success(request, "Priority settings saved.")
            return redirect("priorities:settings", neighbourhood.pk)
    status = 409 if conflict else (400 if form.is_bound else 200)
    context = {
        "neighbourhood": neighbourhood,
        "settings": current,
        "saved": current.pk is not None,
        "form": form if may_change else None,
        "conflict": conflict,
        "history": _history(neighbourhood),
    }
    return render(request, "priorities/settings.html", context, status=status)
