"""Navigation per role: one place decides which sections a role sees in the header."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from core.roles import Role

_SECTIONS = [
    # (label, url name, roles that see it)
    ("Home", "home", None),
    ("Neighbourhoods", "geography:neighbourhood-list", None),
    ("Profiles", "profiles:index", None),
    ("Engagement", "engagement:index", {Role.OFFICER, Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.ADMINISTRATOR}),
    ("Priorities", "priorities:index", None),
    (
        "Problem solving",
        "problem_solving:index",
        {Role.OFFICER, Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.ADMINISTRATOR},
    ),
    ("Imports", "geography:job-list", {Role.ANALYST, Role.ADMINISTRATOR}),
]


def items_for(user: Any) -> list[dict[str, str]]:
    role = user.role
    return [
        {"label": label, "url": reverse(name)} for label, name, roles in _SECTIONS if roles is None or role in roles
    ]
