"""The tactical KIN's link to a priority, and disbanding it once the priority closes (guide 8525–8536).

Police only (``view_kincontact`` / ``add_kincontact``: partners are never granted them): it names people.
Thin views: scope, permission, form, service, redirect; GET never writes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from engagement.event_rules import ADD_KIN
from engagement.kin_forms import KinDisbandForm, KinLinkForm, priority_model
from engagement.kin_services import kin_disband, kin_link_priority
from engagement.views import _kin_page, _neighbourhood


@login_required
@require_POST
def kin_link(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(request, neighbourhood_pk, ADD_KIN)
    form = KinLinkForm(request.POST, neighbourhood=neighbourhood)
    if form.is_valid():
        try:
            count = kin_link_priority(
                priority=form.cleaned_data["priority"], members=form.cleaned_data["members"], actor=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{count} tactical KIN member{'s' if count != 1 else ''} linked.")
            return redirect("engagement:kin", neighbourhood.pk)
    return _kin_page(request, neighbourhood, link_form=form, status=400)


@login_required
@require_POST
def kin_disband_view(request: HttpRequest, neighbourhood_pk: int, priority_pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(request, neighbourhood_pk, ADD_KIN)
    priority = get_object_or_404(priority_model().objects.filter(neighbourhood=neighbourhood), pk=priority_pk)
    if not priority.is_closed:
        messages.info(request, "A tactical KIN is disbanded once its priority has closed.")
        return redirect("engagement:kin", neighbourhood.pk)
    form = KinDisbandForm(request.POST, priority=priority)
    if form.is_valid():
        try:
            moved, left = kin_disband(
                priority=priority, keep_as_strategic=form.cleaned_data["keep_as_strategic"], actor=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"Tactical KIN disbanded: {moved} moved into the strategic KIN, {left} left the KIN."
            )
            return redirect("engagement:kin", neighbourhood.pk)
    return _kin_page(request, neighbourhood, disband_forms={priority.pk: form}, status=400)
