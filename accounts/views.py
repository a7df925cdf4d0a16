"""The home page: one per role, showing what that role comes to the app for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.roles import Role
from core.tiers import Tier
from geography.models import Neighbourhood

_HOME_TEMPLATES = {
    Role.OFFICER: "accounts/home_officer.html",
    Role.SERGEANT: "accounts/home_sergeant.html",
    Role.INSPECTOR: "accounts/home_inspector.html",
    Role.ANALYST: "accounts/home_analyst.html",
    Role.PARTNER: "accounts/home_partner.html",
    Role.ADMINISTRATOR: "accounts/home_administrator.html",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = user.role  # type: ignore[union-attr]
    template = _HOME_TEMPLATES.get(role, "accounts/home_norole.html") if role else "accounts/home_norole.html"
    context = {
        "role": role,
        "tier": Tier(user.max_tier()),  # type: ignore[union-attr]
        "readable": Neighbourhood.objects.visible_to(user).select_related("force"),
        "writable": Neighbourhood.objects.editable_by(user).select_related("force"),
    }
    return render(request, template, context)
