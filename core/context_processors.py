"""Template context shared by every page: the navigation the user's permissions open, and their role's name."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from core.navigation import items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_role": None}
    # The role's name is shown beside the user's name; what they may do comes from permissions, not from it.
    return {"nav_items": items_for(user, request.path), "user_role": getattr(user, "role", None)}
