"""Template context shared by every page: the user's role, the navigation for it, the demo-data flag."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def _shows_synthetic_data(user: Any) -> bool:
    """True when the forces whose data USER can see include generated demo data (Force.synthetic).

    Anonymous visitors (the sign-in page) are told whenever this installation holds demo data.
    """
    from geography.models import Force, Neighbourhood

    synthetic = Force.objects.filter(synthetic=True)
    if user is None or not user.is_authenticated:
        return synthetic.exists()
    return synthetic.filter(neighbourhoods__in=Neighbourhood.objects.visible_to(user)).exists()


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # A callable: the template calls it once, only on pages that render the banner.
    context: dict[str, Any] = {"synthetic_data": lambda: _shows_synthetic_data(user)}
    if user is None or not user.is_authenticated:
        return {**context, "nav_items": [], "user_role": None}
    from core.navigation import items_for

    return {**context, "nav_items": items_for(user, request.path), "user_role": user.role}
