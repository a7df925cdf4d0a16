"""The "profiles.refresh" job: run after imports so profiles record the figures of the time."""

from __future__ import annotations

from typing import Any

from core.jobs import follow_up, register
from profiles.services import profiles_refresh


@register("profiles.refresh")
def refresh(*, progress: Any, neighbourhood_ids: list[int] | None = None) -> dict[str, Any]:
    return profiles_refresh(neighbourhood_ids=neighbourhood_ids, progress=progress)


# Issue 3: auto-filled sections refresh when new data is imported. The live page always reads current figures;
# this records them for the as-at view. (Management commands call importers directly: run the job after them.)
for _import in ("import_lsoa_boundaries", "import_imd", "import_police_neighbourhoods"):
    follow_up(after=_import, kind="profiles.refresh")
