"""The header navigation: one place lists the sections, each with the permission that opens it.

A feature app adds its section by adding one row to ``SECTIONS`` naming the permission its index page needs
(``None``: every signed-in user). The header asks the same ``has_perm`` the view asks, so a link is shown only
to people who can use it; the role x URL matrix in tests/test_access_matrix.py gets a row for the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from core.users import UserLike

# Police-only sections (engagement and SARA hold police-tier material).
POLICE_TIER = "accounts.view_police_tier"


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    perm: str | None  # None: every signed-in user


SECTIONS = [
    Section("Home", "home", None),
    Section("Neighbourhoods", "geography:neighbourhood-list", None),
    Section("Profiles", "profiles:index", None),
    Section("Engagement", "engagement:index", POLICE_TIER),
    Section("Events", "events:list", "engagement.view_engagementevent"),
    Section("Priorities", "priorities:index", "priorities.view_priority"),
    Section("Problem solving", "problem_solving:index", "problem_solving.view_plan"),
    Section("Deployment", "deployment:run-list", "deployment.view_scorerun"),
    Section("Queries", "queries:queue", "queries.view_query"),
    Section("Impact", "impact:list", "impact.view_impactstudy"),  # issue 13
    # performance framework (issue 15)
    Section("Performance", "performance:index", "performance.view_performance"),
    Section("Imports", "geography:job-list", "core.view_job"),
    # portal (issue 12): only partner users hold this capability.
    Section("Partner portal", "partners:index", "accounts.view_partner_areas"),
]


def items_for(user: UserLike, path: str = "") -> list[dict[str, Any]]:
    """The header links USER sees; ``current`` marks the section PATH is in (for aria-current)."""
    items = []
    for section in SECTIONS:
        if section.perm is not None and not user.has_perm(section.perm):
            continue
        url = reverse(section.url_name)
        # Home is "/", a prefix of every path: it is current only on itself.
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": section.label, "url": url, "current": current})
    return items
