"""Navigation per role: one place decides which sections a role sees in the header.

A feature app adds its section by adding one row to ``SECTIONS``; the role x URL matrix in
tests/test_access_matrix.py then gets a row for the section's URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from core.roles import Role

_POLICE = frozenset({Role.OFFICER, Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    roles: frozenset[Role] | None  # None: every signed-in user


SECTIONS = [
    Section("Home", "home", None),
    Section("Neighbourhoods", "geography:neighbourhood-list", None),
    Section("Profiles", "profiles:index", None),
    Section("Engagement", "engagement:index", _POLICE),
    Section("Priorities", "priorities:index", None),
    Section("Problem solving", "problem_solving:index", _POLICE),
    Section("Imports", "geography:job-list", frozenset({Role.ANALYST, Role.ADMINISTRATOR})),
]


def items_for(user: Any, path: str = "") -> list[dict[str, Any]]:
    """The header links USER sees; ``current`` marks the section PATH is in (for aria-current)."""
    role = user.role
    items = []
    for section in SECTIONS:
        if section.roles is not None and role not in section.roles:
            continue
        url = reverse(section.url_name)
        # Home is "/", a prefix of every path: it is current only on itself.
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": section.label, "url": url, "current": current})
    return items
