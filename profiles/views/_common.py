"""Lookups every profile view starts from: scope first (``visible_to``), then the per-object rule."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.gis.db.models import Collect
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from geography.models import Neighbourhood
from profiles.categories import BY_SLUG, Category, ItemKind
from profiles.permissions import CHANGE, VIEW_HISTORY

# Simplification tolerance (degrees, ~100 m) for the force-area inset: it is drawn small.
INSET_TOLERANCE = 0.001


def readable(request: HttpRequest, pk: int) -> Neighbourhood:
    return get_object_or_404(Neighbourhood.objects.visible_to(request.user).select_related("force"), pk=pk)


def editable(request: HttpRequest, pk: int) -> Neighbourhood:
    """The neighbourhood if the user may edit its profile: 404 outside their read scope, 403 inside it."""
    neighbourhood = readable(request, pk)
    if not request.user.has_perm(CHANGE, neighbourhood):
        raise PermissionDenied
    return neighbourhood


def history_readable(request: HttpRequest, pk: int) -> Neighbourhood:
    neighbourhood = readable(request, pk)
    if not request.user.has_perm(VIEW_HISTORY, neighbourhood):
        raise PermissionDenied
    return neighbourhood


Crumb = tuple[str, str]


def breadcrumbs(neighbourhood: Neighbourhood, *trail: Crumb) -> list[Crumb]:
    """GOV.UK breadcrumbs for a page under NEIGHBOURHOOD's profile: home, profiles, the profile, then TRAIL.

    The template (profiles/partials/breadcrumbs.html) links every crumb; the current page is not one.
    """
    return [
        ("Home", reverse("home")),
        ("Neighbourhood profiles", reverse("profiles:index")),
        (neighbourhood.name, reverse("profiles:detail", args=[neighbourhood.pk])),
        *trail,
    ]


def category_crumb(neighbourhood: Neighbourhood, category: Category) -> Crumb:
    return (category.title, reverse("profiles:edit", args=[neighbourhood.pk, category.slug]))


def category_or_404(slug: str) -> Category:
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404("No such category") from None


def item_kind_or_404(category: Category, slug: str) -> ItemKind:
    kind = category.item_kind(slug)
    if kind is None:
        raise Http404("No such list in this category")
    return kind


def _feature(geometry: Any, **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": json.loads(geometry.geojson), "properties": properties}


def boundary_features(neighbourhood: Neighbourhood) -> list[dict[str, Any]]:
    if neighbourhood.boundary is None:
        return []
    return [_feature(neighbourhood.boundary, kind="boundary", label=neighbourhood.name)]


def map_data(neighbourhood: Neighbourhood, points: list[Any]) -> dict[str, Any]:
    """GeoJSON for the profile's three maps (boundary, force-area inset, significant locations)."""
    boundary = boundary_features(neighbourhood)
    others = (
        Neighbourhood.objects.filter(force_id=neighbourhood.force_id, boundary__isnull=False)
        .exclude(pk=neighbourhood.pk)
        .aggregate(all=Collect("boundary"))["all"]
    )
    inset = []
    if others is not None:
        inset.append(
            _feature(
                others.simplify(INSET_TOLERANCE, preserve_topology=True), kind="force", label="Rest of the force area"
            )
        )
    inset += boundary
    point_features = [
        _feature(point.location, kind="point", label=f"{point.name} ({point.get_kind_display()})") for point in points
    ]
    return {
        "boundary": {"type": "FeatureCollection", "features": boundary},
        "inset": {"type": "FeatureCollection", "features": inset},
        "points": {"type": "FeatureCollection", "features": boundary + point_features},
    }
