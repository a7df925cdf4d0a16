"""The queries app's home-page panel (issue 16 "Named, contactable officers"): the neighbourhoods in the
user's oversight area with no published named officer, on the sergeant's and inspector's home pages.

Shown to whoever holds ``queries.view_query_oversight`` (sergeants, inspectors, administrators: migration
0002), through ``core.home_panels``; the same selectors as the oversight page, so both name the same places.
"""

from __future__ import annotations

from typing import Any

from core.home_panels import Panel, register
from queries.permissions import VIEW_OVERSIGHT
from queries.selectors import neighbourhoods_without_named_officer, oversight_area

LIMIT = 20


def no_named_officer(user: Any) -> dict[str, Any] | None:
    missing = neighbourhoods_without_named_officer(oversight_area(user)).select_related("force")
    rows = list(missing[:LIMIT])
    if not rows:
        return None  # nothing to flag: the panel is left out
    # Always counted (not only past LIMIT), so the home page's query count does not grow with the force.
    total = missing.count()
    return {"neighbourhoods": rows, "more": total - len(rows), "total": total}


def register_panels() -> None:
    register(
        Panel(
            key="queries-no-named-officer",
            perm=VIEW_OVERSIGHT,
            template="queries/_home_no_named_officer.html",
            context=no_named_officer,
        )
    )
