"""Template context shared by every page: the user's role and the navigation for it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_role": None}
    from core.navigation import items_for

    return {"nav_items": items_for(user), "user_role": user.role}
