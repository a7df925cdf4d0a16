"""Editing a profile, one category at a time, with optimistic locking (issue 3, "Editing in the browser").

A stale save is refused: the page keeps what the person typed, shows the other person's change (who, when,
what) and moves the form to the current version, so saving again is a deliberate choice, never a silent one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.locking import EditConflict, conflict_for
from core.tiers import Tier
from geography.deprivation import deprivation_for
from profiles.categories import Category, ItemKind, next_category
from profiles.forms import DeleteForm, form_class_for, section_form_class
from profiles.locations import NEAR_KM
from profiles.models import InfrastructurePoint, NeighbourhoodProfile, ProfileSection
from profiles.services import item_add as add_item
from profiles.services import item_delete, item_update, section_save
from profiles.views._common import (
    boundary_features,
    breadcrumbs,
    category_crumb,
    category_or_404,
    editable,
    item_kind_or_404,
)


def _edit_url(neighbourhood_pk: int, category: Category) -> str:
    return reverse("profiles:edit", args=[neighbourhood_pk, category.slug])


def _save_or_conflict(form: Any, save: Callable[[], object]) -> EditConflict | None:
    """Run SAVE; on a stale version keep what was typed but post the current version next time."""
    try:
        save()
    except EditConflict as exc:
        form.set_version(exc.current_version or 0)
        return exc
    return None


def _profile(neighbourhood: Any) -> NeighbourhoodProfile | None:
    """The profile if somebody has started it. Never creates it: opening a page must not write (issue 6, item 2)."""
    return NeighbourhoodProfile.objects.filter(neighbourhood=neighbourhood).first()


@login_required
def section_edit(request: HttpRequest, pk: int, category: str) -> HttpResponse:
    neighbourhood = editable(request, pk)
    cat = category_or_404(category)
    profile = _profile(neighbourhood)
    section = ProfileSection.objects.filter(profile=profile, category=cat.key).first() if profile else None
    form_class = section_form_class(cat)
    blank = ProfileSection(category=cat.key)  # what the form shows before the profile is started
    conflict: EditConflict | None = None
    if request.method == "POST":
        form = form_class(request.POST, instance=section or blank, neighbourhood=neighbourhood)
        if form.is_valid():
            conflict = _save_or_conflict(
                form,
                lambda: section_save(
                    neighbourhood=neighbourhood,
                    category=cat.key,
                    values=form.values(),
                    loaded_version=form.cleaned_data["version"],
                    by=request.user,
                ),
            )
            if conflict is None:
                messages.success(request, f"{cat.title} saved.")
                if request.POST.get("then") == "next":
                    following = next_category(cat)
                    if following is None:
                        return redirect(reverse("profiles:detail", args=[neighbourhood.pk]))
                    return redirect(_edit_url(neighbourhood.pk, following))
                return redirect(_edit_url(neighbourhood.pk, cat))
        profile = _profile(neighbourhood)
    else:
        form = form_class(instance=section or blank, neighbourhood=neighbourhood)
    shown = (
        ProfileSection.objects.filter(profile=profile, category=cat.key).select_related("updated_by").first()
        if profile
        else None
    )
    items = {kind.slug: list(kind.model.objects.filter(profile=profile)) if profile else [] for kind in cat.items}
    context: dict[str, Any] = {
        "neighbourhood": neighbourhood,
        "category": cat,
        "next_category": next_category(cat),
        "section": shown,
        "form": form,
        "conflict": conflict,
        "item_groups": [(kind, items[kind.slug]) for kind in cat.items],
        "tiers": Tier,
        "breadcrumbs": breadcrumbs(neighbourhood),
    }
    if cat.auto_filled:
        context["deprivation"] = deprivation_for(neighbourhood)
    return render(request, "profiles/section_edit.html", context)


def _item_context(neighbourhood: Any, cat: Category, kind: ItemKind, form: Any, **extra: Any) -> dict[str, Any]:
    context = {
        "neighbourhood": neighbourhood,
        "category": cat,
        "kind": kind,
        "form": form,
        "breadcrumbs": breadcrumbs(neighbourhood, category_crumb(neighbourhood, cat)),
        **extra,
    }
    if kind.model is InfrastructurePoint:
        context["boundary"] = {"type": "FeatureCollection", "features": boundary_features(neighbourhood)}
        context["subtypes"] = sorted({s for group in InfrastructurePoint.SUBTYPES.values() for s in group})
        context["near_km"] = NEAR_KM
    return context


@login_required
def item_add(request: HttpRequest, pk: int, category: str, kind: str) -> HttpResponse:
    neighbourhood = editable(request, pk)
    cat = category_or_404(category)
    item_kind = item_kind_or_404(cat, kind)
    form_class = form_class_for(item_kind.model)
    if request.method == "POST":
        form = form_class(request.POST, instance=item_kind.model(), neighbourhood=neighbourhood)
        if form.is_valid():
            item = add_item(neighbourhood=neighbourhood, model=item_kind.model, values=form.values(), by=request.user)
            messages.success(request, f"Added {item_kind.noun}: {item}.")
            return redirect(_edit_url(neighbourhood.pk, cat))
    else:
        form = form_class(instance=item_kind.model(), neighbourhood=neighbourhood)
    context = _item_context(
        neighbourhood, cat, item_kind, form, adding=True, started=_profile(neighbourhood) is not None
    )
    return render(request, "profiles/item_form.html", context)


def _item(profile: NeighbourhoodProfile, kind: ItemKind, item_pk: int) -> Any:
    return get_object_or_404(kind.model.objects.filter(profile=profile), pk=item_pk)


@login_required
def item_edit(request: HttpRequest, pk: int, category: str, kind: str, item_pk: int) -> HttpResponse:
    neighbourhood = editable(request, pk)
    cat = category_or_404(category)
    item_kind = item_kind_or_404(cat, kind)
    profile = get_object_or_404(NeighbourhoodProfile, neighbourhood=neighbourhood)
    form_class = form_class_for(item_kind.model)
    conflict: EditConflict | None = None
    if request.method == "POST":
        item = item_kind.model.objects.filter(profile=profile, pk=item_pk).first()
        if item is None:
            # Deleted by someone else: say who and when rather than a bare 404.
            if not item_kind.model.history.filter(id=item_pk, profile_id=profile.pk).exists():
                raise Http404("No such item")
            loaded = request.POST.get("version", "")
            conflict = conflict_for(item_kind.model, item_pk, int(loaded) if loaded.isdigit() else 0)
            form = form_class(request.POST, neighbourhood=neighbourhood)
        else:
            form = form_class(request.POST, instance=item, neighbourhood=neighbourhood)
            if form.is_valid():
                conflict = _save_or_conflict(
                    form,
                    lambda: item_update(
                        item=item, values=form.values(), loaded_version=form.cleaned_data["version"], by=request.user
                    ),
                )
                if conflict is None:
                    messages.success(request, f"Saved {item_kind.noun}: {item}.")
                    return redirect(_edit_url(neighbourhood.pk, cat))
    else:
        form = form_class(instance=_item(profile, item_kind, item_pk), neighbourhood=neighbourhood)
    context = _item_context(neighbourhood, cat, item_kind, form, adding=False, conflict=conflict, item_pk=item_pk)
    return render(request, "profiles/item_form.html", context)


@login_required
def item_remove(request: HttpRequest, pk: int, category: str, kind: str, item_pk: int) -> HttpResponse:
    neighbourhood = editable(request, pk)
    cat = category_or_404(category)
    item_kind = item_kind_or_404(cat, kind)
    profile = get_object_or_404(NeighbourhoodProfile, neighbourhood=neighbourhood)
    item = _item(profile, item_kind, item_pk)
    conflict: EditConflict | None = None
    if request.method == "POST":
        form = DeleteForm(request.POST)
        if form.is_valid():
            try:
                item_delete(item=item, loaded_version=form.cleaned_data["version"], by=request.user)
            except EditConflict as exc:
                conflict = exc
            else:
                messages.success(request, f"Removed {item_kind.noun}: {item}.")
                return redirect(_edit_url(neighbourhood.pk, cat))
    form = DeleteForm(initial={"version": item.version})
    context = {
        "neighbourhood": neighbourhood,
        "category": cat,
        "kind": item_kind,
        "item": item,
        "form": form,
        "conflict": conflict,
        "breadcrumbs": breadcrumbs(neighbourhood, category_crumb(neighbourhood, cat)),
    }
    return render(request, "profiles/item_delete.html", context)
