"""A neighbourhood's named officers, kept by its sergeant (issue 16 "Named, contactable officers").

Police read the list (and its history) for any neighbourhood they can read; a sergeant adds, changes, removes
and reorders the entries for the neighbourhoods their team covers. The first published entry is shown first on
the public neighbourhood page and the contact form, and the first with an account gets new queries.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.locking import EditConflict
from geography.models import Neighbourhood
from queries import officer_services as services
from queries.models import NamedOfficer
from queries.officer_forms import MoveForm, NamedOfficerEditForm, NamedOfficerForm
from queries.permissions import CHANGE_OFFICERS, VIEW_OFFICERS
from queries.selectors import neighbourhood_officer_history

FIELDS = services.EDITABLE_FIELDS


def _neighbourhood(request: HttpRequest, pk: int, perm: str) -> Neighbourhood:
    if not request.user.has_perm(perm):
        raise PermissionDenied
    neighbourhood = get_object_or_404(Neighbourhood.objects.visible_to(request.user).select_related("force"), pk=pk)
    if not request.user.has_perm(perm, neighbourhood):
        raise PermissionDenied
    return neighbourhood


def _officer(request: HttpRequest, pk: int) -> NamedOfficer:
    if not request.user.has_perm(CHANGE_OFFICERS):
        raise PermissionDenied
    officer = get_object_or_404(
        NamedOfficer.objects.visible_to(request.user).select_related("neighbourhood__force", "user"), pk=pk
    )
    if not request.user.has_perm(CHANGE_OFFICERS, officer.neighbourhood):
        raise PermissionDenied
    return officer


def _actor(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


@login_required
def officers(request: HttpRequest, pk: int, error: Any = None, status: int = 200) -> HttpResponse:
    neighbourhood = _neighbourhood(request, pk, VIEW_OFFICERS)
    rows = list(NamedOfficer.objects.filter(neighbourhood=neighbourhood).select_related("user").order_by("order", "pk"))
    context = {
        "neighbourhood": neighbourhood,
        "officers": rows,
        "can_change": request.user.has_perm(CHANGE_OFFICERS, neighbourhood),
        "history": neighbourhood_officer_history(neighbourhood),
        "error": error,
    }
    return render(request, "queries/officers.html", context, status=status)


def _save(form: Any, run: Any) -> bool:
    try:
        run()
    except EditConflict as conflict:
        form.add_error(None, f"{conflict.describe()} Check the officer and try again.")
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form.add_error(None, error.messages[0] if error.messages else "This could not be saved")
    else:
        return True
    return False


@login_required
@require_http_methods(["GET", "POST"])
def officer_add(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(request, pk, CHANGE_OFFICERS)
    form = NamedOfficerForm(request.POST or None, neighbourhood=neighbourhood, initial={"tier": 0})
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in FIELDS}
        if _save(
            form, lambda: services.named_officer_add(neighbourhood=neighbourhood, actor=_actor(request), **values)
        ):
            messages.success(request, f"{values['rank']} {values['name']} added.")
            return redirect("queries:officers", pk=neighbourhood.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"neighbourhood": neighbourhood, "form": form, "officer": None}
    return render(request, "queries/officer_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def officer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _officer(request, pk)
    neighbourhood = officer.neighbourhood
    initial = {name: getattr(officer, name) for name in FIELDS} | {"version": officer.version}
    form = NamedOfficerEditForm(request.POST or None, neighbourhood=neighbourhood, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in FIELDS}
        version = form.cleaned_data["version"]
        if _save(
            form,
            lambda: services.named_officer_change(
                officer=officer, actor=_actor(request), loaded_version=version, **values
            ),
        ):
            messages.success(request, f"{officer} changed.")
            return redirect("queries:officers", pk=neighbourhood.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"neighbourhood": neighbourhood, "form": form, "officer": officer}
    return render(request, "queries/officer_form.html", context, status=status)


@login_required
@require_POST
def officer_remove(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _officer(request, pk)
    form = MoveForm({**request.POST.dict(), "direction": "up"})  # only the version matters here
    if form.is_valid() and _save(
        form,
        lambda: services.named_officer_remove(
            officer=officer, actor=_actor(request), loaded_version=form.cleaned_data["version"]
        ),
    ):
        messages.success(request, f"{officer} removed.")
        return redirect("queries:officers", pk=officer.neighbourhood_id)
    return officers(request, officer.neighbourhood_id, error=form, status=400)


@login_required
@require_POST
def officer_move(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _officer(request, pk)
    form = MoveForm(request.POST)
    if form.is_valid() and _save(
        form,
        lambda: services.named_officer_move(
            officer=officer,
            up=form.cleaned_data["direction"] == "up",
            actor=_actor(request),
            loaded_version=form.cleaned_data["version"],
        ),
    ):
        messages.success(request, f"{officer} moved {form.cleaned_data['direction']}.")
        return redirect("queries:officers", pk=officer.neighbourhood_id)
    return officers(request, officer.neighbourhood_id, error=form, status=400)
