"""The home page: one per role, showing what that role comes to the app for (architecture, 'Who uses it')."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import Team, User
from core.home_panels import panels_for
from core.models import Job
from core.roles import Role
from geography.models import Neighbourhood


def _neighbourhoods() -> Any:
    return Neighbourhood.objects.select_related("force").order_by("name")


def _officer(user: User) -> dict[str, Any]:
    return {"own": _neighbourhoods().visible_to(user).filter(officers=user)}


def _sergeant(user: User) -> dict[str, Any]:
    teams = Team.objects.filter(leader=user).prefetch_related(
        Prefetch("neighbourhoods", queryset=_neighbourhoods().visible_to(user))
    )
    return {"teams": teams}


def _force_wide(user: User) -> dict[str, Any]:
    visible = Neighbourhood.objects.visible_to(user)
    # A police user without a force sees no teams rather than every force's.
    teams = Team.objects.filter(force=user.force) if user.force_id is not None else Team.objects.none()
    teams = teams.select_related("leader").annotate(neighbourhood_count=Count("neighbourhoods", distinct=True))
    return {"force": user.force, "neighbourhood_count": visible.count(), "teams": teams}


def _analyst(user: User) -> dict[str, Any]:
    return {**_force_wide(user), "recent_jobs": Job.objects.all()[:5]}


def _partner(user: User) -> dict[str, Any]:
    organisation = user.organisation
    areas = _neighbourhoods().visible_to(user)
    return {"organisation": organisation, "areas": areas}


def _administrator(user: User) -> dict[str, Any]:
    return {"neighbourhood_count": Neighbourhood.objects.count(), "user_count": User.objects.count()}


_HOMES: dict[Role | None, tuple[str, Callable[[User], dict[str, Any]]]] = {
    Role.OFFICER: ("accounts/home_officer.html", _officer),
    Role.SERGEANT: ("accounts/home_sergeant.html", _sergeant),
    Role.INSPECTOR: ("accounts/home_inspector.html", _force_wide),
    Role.ANALYST: ("accounts/home_analyst.html", _analyst),
    Role.PARTNER: ("accounts/home_partner.html", _partner),
    Role.ADMINISTRATOR: ("accounts/home_administrator.html", _administrator),
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    template, context_for = _HOMES.get(user.role, ("accounts/home_norole.html", lambda _user: {}))
    context = {"tier": user.max_tier(), "home_panels": panels_for(user), **context_for(user)}
    return render(request, template, context)


class SignOutView(LogoutView):
    """Sign out (POST only, as Django's view), then say so on the sign-in page (issue 6, item 13)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        # Added after the session is flushed, so it survives into the next page.
        messages.success(request, "You have signed out.")
        return response


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): a page that says what happened and what to do."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)
