"""Planned engagement that is not an event (issue 9 plan): record it, mark it done. POST only; the plan page
(``views.plan``) shows the list and the forms.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.tiers import max_tier
from engagement.event_rules import ADD_PLANNED, CHANGE_PLANNED
from engagement.kin_forms import DoneForm, PlannedForm
from engagement.models import PlannedEngagement
from engagement.planned_services import planned_mark_done, planned_record
from engagement.views import _neighbourhood, plan_page


@login_required
@require_POST
def planned_add(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(request, neighbourhood_pk, ADD_PLANNED)
    form = PlannedForm(request.POST, neighbourhood=neighbourhood, tier=max_tier(request.user))
    if form.is_valid():
        planned_record(neighbourhood=neighbourhood, values=form.values(), actor=request.user)
        messages.success(request, "Engagement planned.")
        return redirect(reverse("engagement:plan", args=[neighbourhood.pk]) + "#planned")
    return plan_page(request, neighbourhood, planned_form=form, status=400)


@login_required
@require_POST
def planned_done(request: HttpRequest, pk: int) -> HttpResponse:
    planned = get_object_or_404(
        PlannedEngagement.objects.visible_to(request.user)
        .at_most(max_tier(request.user))
        .select_related("neighbourhood"),
        pk=pk,
    )
    if not request.user.has_perm(CHANGE_PLANNED, planned.neighbourhood):
        raise PermissionDenied
    form = DoneForm(request.POST, prefix=f"done{planned.pk}")
    if form.is_valid():
        try:
            planned_mark_done(planned=planned, done_on=form.cleaned_data["done_on"], actor=request.user)
        except ValidationError as exc:
            form.add_error("done_on" if hasattr(exc, "error_dict") else None, exc.messages)
        else:
            messages.success(request, "Marked done.")
            return redirect(reverse("engagement:plan", args=[planned.neighbourhood.pk]) + "#planned")
    return plan_page(request, planned.neighbourhood, done_forms={planned.pk: form}, status=400)
