"""The force's thresholds: listed to everyone who reads the framework, set by inspectors (issue 15)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.models import User
from core.locking import EditConflict
from geography.models import Force, Neighbourhood
from performance import services
from performance.forms import ThresholdForm
from performance.models import Threshold
from performance.permissions import CHANGE_THRESHOLD, VIEW
from performance.rag import threshold_text
from performance.registry import BY_KEY, MEASURES


def _force(request: HttpRequest, pk: int) -> Force:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    found = Neighbourhood.objects.visible_to(request.user).filter(force_id=pk).select_related("force").first()
    if found is None:
        raise Http404  # outside the read scope: existence does not leak
    return found.force


@login_required
def threshold_list(request: HttpRequest, pk: int) -> HttpResponse:
    force = _force(request, pk)
    stored = {t.measure: t for t in Threshold.objects.filter(force=force).select_related("updated_by")}
    rows = [(m, stored.get(m.key), threshold_text(m, stored[m.key]) if m.key in stored else "") for m in MEASURES]
    context = {"force": force, "rows": rows, "may_change": request.user.has_perm(CHANGE_THRESHOLD, force)}
    return render(request, "performance/threshold_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def threshold_edit(request: HttpRequest, pk: int, measure: str) -> HttpResponse:
    force = _force(request, pk)
    found = BY_KEY.get(measure)
    if found is None:
        raise Http404
    if not request.user.has_perm(CHANGE_THRESHOLD, force):
        raise PermissionDenied
    threshold = Threshold.objects.filter(force=force, measure=measure).first()
    initial = (
        {
            "version": threshold.version,
            "direction": threshold.direction,
            "green": threshold.green,
            "amber": threshold.amber,
        }
        if threshold
        else {"direction": "lower" if found.unit == "change" else "higher"}
    )
    form = ThresholdForm(request.POST if request.method == "POST" else None, initial=initial, unit=found.unit)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.threshold_set(
                    force=force,
                    measure=measure,
                    direction=data["direction"],
                    green=data["green"],
                    amber=data["amber"],
                    actor=request.user if isinstance(request.user, User) else None,
                    loaded_version=data.get("version"),
                )
            except EditConflict as exc:
                form.add_error(None, exc.describe())
                status = 409
            else:
                messages.success(request, f"Threshold for “{found.title}” saved.")
                return redirect("performance:thresholds", force.pk)
        else:
            status = 400
    context = {"force": force, "measure": found, "form": form, "threshold": threshold}
    return render(request, "performance/threshold_edit.html", context, status=status)
