"""The audit of participation mechanisms at the top of the engagement plan (guide 1484–1489): add (POST from the
plan page) and edit (its own page, optimistic locking: a stale edit is a 409 showing who changed it).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.tiers import max_tier
from core.locking import EditConflict
from engagement.event_rules import ADD_MECHANISM, CHANGE_MECHANISM
from engagement.mechanism_forms import MechanismForm
from engagement.mechanism_services import mechanism_record, mechanism_update
from engagement.models import ParticipationMechanism
from engagement.views import _neighbourhood, plan_page


@login_required
@require_POST
def mechanism_add(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(request, neighbourhood_pk, ADD_MECHANISM)
    form = MechanismForm(request.POST, neighbourhood=neighbourhood, tier=max_tier(request.user))
    if form.is_valid():
        try:
            mechanism_record(
                neighbourhood=neighbourhood,
                values=form.values(),
                groups=form.cleaned_data["groups_reached"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Participation mechanism recorded.")
            return redirect(reverse("engagement:plan", args=[neighbourhood.pk]) + "#mechanisms")
    return plan_page(request, neighbourhood, mechanism_form=form, status=400)


@login_required
def mechanism_edit(request: HttpRequest, pk: int) -> HttpResponse:
    tier = max_tier(request.user)
    mechanism = get_object_or_404(
        ParticipationMechanism.objects.visible_to(request.user).at_most(tier).select_related("neighbourhood"), pk=pk
    )
    neighbourhood = mechanism.neighbourhood
    if not request.user.has_perm(CHANGE_MECHANISM, neighbourhood):
        raise PermissionDenied
    form = MechanismForm(request.POST or None, instance=mechanism, neighbourhood=neighbourhood, tier=tier)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            mechanism_update(
                mechanism=mechanism,
                values=form.values(),
                groups=form.cleaned_data["groups_reached"],
                loaded_version=form.cleaned_data["version"] or 0,
                actor=request.user,
            )
        except EditConflict as exc:
            conflict = exc
            data = form.data.copy()  # type: ignore[attr-defined]
            data["version"] = str(exc.current_version or 0)
            form.data = data
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Participation mechanism saved.")
            return redirect(reverse("engagement:plan", args=[neighbourhood.pk]) + "#mechanisms")
    status = 409 if conflict else (400 if form.is_bound else 200)
    context = {"form": form, "mechanism": mechanism, "neighbourhood": neighbourhood, "conflict": conflict}
    return render(request, "engagement/mechanism_form.html", context, status=status)
