"""The "profiles.refresh" job: profiles record the imported figures of the time after each data change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from core.imports import Progress
from core.jobs import Link, follow_up
from core.models import Job
from core.tasks import job_task
from profiles.models import ProfileSnapshot
from profiles.services import profiles_refresh


@dataclass(frozen=True)
class Refresh:
    neighbourhood_ids: list[int] | None = None


def _refreshed(job: Job) -> list[Link]:
    """The profiles this run snapshotted (the first ten)."""
    if job.started_at is None or job.finished_at is None:
        return []
    snapshots = (
        ProfileSnapshot.objects.filter(
            kind=ProfileSnapshot.Kind.DATA_REFRESH, taken_at__range=(job.started_at, job.finished_at)
        )
        .select_related("profile__neighbourhood")
        .order_by("profile__neighbourhood__name")[:10]
    )
    return [
        (
            f"Profile of {snapshot.profile.neighbourhood.name}",
            reverse("profiles:detail", args=[snapshot.profile.neighbourhood_id]),
        )
        for snapshot in snapshots
    ]


@job_task(
    "profiles.refresh", label="Refresh profile figures", params=Refresh, links=_refreshed, nightly=True, web_start=True
)
def refresh(params: Refresh, *, progress: Progress) -> dict[str, Any]:
    """Snapshot each profile whose imported figures changed (idempotent: unchanged figures add nothing)."""
    return profiles_refresh(neighbourhood_ids=params.neighbourhood_ids, progress=progress)


# Issue 3: auto-filled sections refresh when new data is imported. The live page always reads current figures;
# these snapshots record them for the as-at view. New boundaries and neighbourhoods are refreshed after their
# crimes are relinked (crime.jobs), so the refresh sees the links.
for _after in ("import_imd", "import_crimes", "crime.relink"):
    follow_up(after=_after, kind="profiles.refresh")
