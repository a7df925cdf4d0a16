"""Reading profiles: the index (the team and sergeant dashboard), the profile, its print view and JSON export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.tiers import READ_POLICE_TIER
from core.tiers import Tier
from geography.models import Neighbourhood
from profiles.categories import CATEGORIES
from profiles.dashboard import index_rows
from profiles.models import InfrastructurePoint, ProfileReview
from profiles.permissions import CHANGE, SIGN_OFF_REVIEW
from profiles.selectors import ProfileView, asked_tier, profile_for
from profiles.views._common import map_data, readable

PAGE_SIZE = 50


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    editable = Neighbourhood.objects.editable_by(user)
    scope = request.GET.get("scope") or ("mine" if editable.exists() else "all")
    if not user.has_perm(CHANGE):  # roles that never edit have one list: what they can read
        scope = "all"
    neighbourhoods = editable if scope == "mine" else Neighbourhood.objects.visible_to(user)
    overdue_only = request.GET.get("overdue") == "1"
    police = user.has_perm(READ_POLICE_TIER)
    rows = index_rows(neighbourhoods.order_by("name"), with_completeness=police, overdue_only=overdue_only)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": page.object_list,
        "scope": scope,
        "overdue_only": overdue_only,
        "police": police,
        "categories": CATEGORIES,
        "overdue_count": sum(1 for row in rows if row.overdue),
    }
    return render(request, "profiles/index.html", context)


def _profile_context(request: HttpRequest, neighbourhood: Neighbourhood, view: ProfileView) -> dict[str, object]:
    police = request.user.has_perm(READ_POLICE_TIER)
    points = view.parts.items_of(InfrastructurePoint)
    context: dict[str, object] = {
        "neighbourhood": neighbourhood,
        "view": view,
        "police": police,
        "maps": map_data(neighbourhood, points),
    }
    profile = view.profile
    if police and profile is not None and view.as_of is None:
        context["last_review"] = ProfileReview.objects.filter(profile=profile).select_related("reviewed_by").first()
    return context


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = readable(request, pk)
    view = profile_for(request.user, neighbourhood)
    context = _profile_context(request, neighbourhood, view)
    context["can_edit"] = request.user.has_perm(CHANGE, neighbourhood)
    context["can_review"] = request.user.has_perm(SIGN_OFF_REVIEW, neighbourhood)
    context["breadcrumbs"] = [("Home", reverse("home")), ("Neighbourhood profiles", reverse("profiles:index"))]
    return render(request, "profiles/profile_detail.html", context)


@login_required
@require_safe
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The public version, for printing (print CSS; a browser's "Save as PDF" makes the PDF)."""
    neighbourhood = readable(request, pk)
    view = profile_for(Tier.PUBLIC, neighbourhood)
    return render(request, "profiles/profile_print.html", {"neighbourhood": neighbourhood, "view": view})


@login_required
@require_safe
def export_json(request: HttpRequest, pk: int) -> JsonResponse:
    """The profile as JSON at the reader's tier, or a lower one asked for with ?tier=public|partner."""
    neighbourhood = readable(request, pk)
    tier = asked_tier(request.user, request.GET.get("tier"))  # never more than the reader's own tier
    response = JsonResponse(profile_for(tier, neighbourhood).as_dict(), json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'inline; filename="profile-{neighbourhood.pk}-{Tier(tier).name.lower()}.json"'
    return response
