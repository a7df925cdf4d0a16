"""Reads of score runs shared by the pages, the API and the CSV export: every one starts from the user's scope."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, QuerySet

from deployment.methods import COMPONENTS
from deployment.models import Band, LSOAScore, NeighbourhoodScore, ScoreRun


def runs_visible(user: Any) -> QuerySet[ScoreRun]:
    return ScoreRun.objects.visible_to(user).select_related("method", "force")


def current_run(*, scope: str, vintage: int) -> ScoreRun | None:
    """The current (last completed) run of SCOPE (a force slug, or "national") on VINTAGE's LSOAs, if any."""
    return ScoreRun.objects.filter(scope=scope, vintage=vintage, is_current=True).select_related("method").first()


def neighbourhood_scores(run: ScoreRun, user: Any) -> QuerySet[NeighbourhoodScore]:
    """RUN's neighbourhood scores the user may see, best rank first (unscored last)."""
    return (
        NeighbourhoodScore.objects.visible_to(user)
        .filter(run=run)
        .select_related("neighbourhood")
        .order_by("rank", "neighbourhood__name", "pk")
    )


def lsoa_scores(run: ScoreRun, user: Any) -> QuerySet[LSOAScore]:
    return (
        LSOAScore.objects.visible_to(user).filter(run=run).select_related("lsoa").order_by("rank", "lsoa__code", "pk")
    )


def component_label(key: str) -> str:
    return COMPONENTS.get(key, key)


# Comparing two runs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Delta:
    component: str
    contribution_change: float | None  # None: the component is missing in one of the runs


@dataclass
class Move:
    neighbourhood_id: int
    name: str
    band_before: str
    band_after: str
    rank_before: int | None
    rank_after: int | None
    score_before: float | None
    score_after: float | None
    deltas: list[Delta] = field(default_factory=list)

    @property
    def moved(self) -> bool:
        return self.band_before != self.band_after


def compare_runs(before: ScoreRun, after: ScoreRun, user: Any) -> list[Move]:
    """Each neighbourhood in both runs (and the user's scope): band and rank before and after, and the change
    in each component's contribution (why it moved). Band movers first, then by the size of the move.
    """
    old = {s.neighbourhood_id: s for s in neighbourhood_scores(before, user)}
    moves = []
    for new in neighbourhood_scores(after, user):
        prior = old.get(new.neighbourhood_id)
        if prior is None:
            continue
        was = {part["key"]: part for part in prior.components}
        deltas = []
        for part in new.components:
            a, b = was.get(part["key"], {}).get("contribution"), part["contribution"]
            if a is None and b is None:
                continue
            deltas.append(Delta(component_label(part["key"]), None if a is None or b is None else round(b - a, 4)))
        moves.append(
            Move(
                neighbourhood_id=new.neighbourhood_id,
                name=new.neighbourhood.name,
                band_before=prior.band,
                band_after=new.band,
                rank_before=prior.rank,
                rank_after=new.rank,
                score_before=prior.score,
                score_after=new.score,
                deltas=deltas,
            )
        )
    return sorted(
        moves,
        key=lambda m: (not m.moved, -abs((m.rank_before or 0) - (m.rank_after or 0)), m.name),
    )


# The allocation planner -----------------------------------------------------------------------------------


@dataclass
class Posting:
    neighbourhood_id: int
    name: str
    rank: int | None
    score: float | None
    band: str
    officers: int


@dataclass
class Profile:
    """The IMD profile of a group of neighbourhoods: count per national IMD decile of their population-weighted
    average rank (as the Police Now reports chart chosen against not-chosen areas).
    """

    label: str
    by_decile: dict[int, int]
    missing: int

    @property
    def total(self) -> int:
        return sum(self.by_decile.values()) + self.missing


@dataclass
class Plan:
    postings: list[Posting]
    unallocated: int
    chosen: Profile
    not_chosen: Profile

    @property
    def profiles(self) -> list[Profile]:
        return [self.chosen, self.not_chosen]


def plan_allocation(
    run: ScoreRun, user: Any, *, officers: int, per_neighbourhood: int, excluded: Iterable[int] = ()
) -> Plan:
    """Post OFFICERS by score, best first, at most PER_NEIGHBOURHOOD each, skipping EXCLUDED and unscored areas.

    Each pass gives one officer to each eligible neighbourhood in rank order, so a cohort larger than the
    priority band spreads down the ranking rather than stacking the top area to its cap at once.
    """
    excluded_ids = set(excluded)
    rows = [
        s for s in neighbourhood_scores(run, user) if s.score is not None and s.neighbourhood_id not in excluded_ids
    ]
    given = {s.neighbourhood_id: 0 for s in rows}
    left = officers
    while left > 0 and any(given[s.neighbourhood_id] < per_neighbourhood for s in rows):
        for s in rows:
            if left == 0:
                break
            if given[s.neighbourhood_id] < per_neighbourhood:
                given[s.neighbourhood_id] += 1
                left -= 1
    postings = [
        Posting(s.neighbourhood_id, s.neighbourhood.name, s.rank, s.score, s.band, given[s.neighbourhood_id])
        for s in rows
        if given[s.neighbourhood_id]
    ]
    chosen_ids = {p.neighbourhood_id for p in postings}
    everyone = list(neighbourhood_scores(run, user))
    return Plan(
        postings=postings,
        unallocated=left,
        chosen=_profile("Chosen", [s for s in everyone if s.neighbourhood_id in chosen_ids], run.edition),
        not_chosen=_profile("Not chosen", [s for s in everyone if s.neighbourhood_id not in chosen_ids], run.edition),
    )


def _profile(label: str, scores: list[NeighbourhoodScore], edition: int) -> Profile:
    by_decile = dict.fromkeys(range(1, 11), 0)
    missing = 0
    for score in scores:
        imd = next((part for part in score.components if part["key"] == "imd"), None)
        raw = None if imd is None else imd["raw"]
        if raw is None or edition != 2019:
            # IoD2025 raw values are scores, not national percentiles: no decile without the national cut-offs.
            missing += 1
            continue
        # raw is 100 x (N - rank + 1) / N: the most deprived 10% nationally have raw above 90 -> decile 1.
        by_decile[min(10, max(1, 10 - math.floor(raw / 10)))] += 1
    return Profile(label=label, by_decile=by_decile, missing=missing)


# Bands for the partner portal (issue 12) ------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerBand:
    """A neighbourhood's deployment band in the current run of its force, and what that run says of itself.

    The band only: scores, ranks and components stay police-tier (they steer where officers are posted), while
    the issue gives partners the band ("deployment bands", issue 12 "What partners see").
    """

    neighbourhood_id: int
    band: str  # a Band value
    band_label: str
    method: str
    window_start: Any
    window_end: Any
    coverage_complete: bool
    coverage_note: str
    finished_at: Any


def bands_for_partner(user: Any, neighbourhood_ids: Iterable[int]) -> dict[int, PartnerBand]:
    """The current succeeded force run's band for each of NEIGHBOURHOOD_IDS the user may see (one query).

    A neighbourhood with no current run, or outside the user's scope, is absent: the caller shows "no band"
    (missing, never a made-up "Other"). National runs are not used: a force run is what the force deploys by.
    """
    ids = list(neighbourhood_ids)
    if not ids:
        return {}
    scores = (
        NeighbourhoodScore.objects.visible_to(user)
        .filter(
            neighbourhood_id__in=ids,
            run__is_current=True,
            run__status=ScoreRun.Status.SUCCEEDED,
            run__force__isnull=False,
            run__force_id=F("neighbourhood__force_id"),
        )
        .select_related("run__method")
        .order_by("neighbourhood_id", "-run__finished_at", "-run_id")
    )
    found: dict[int, PartnerBand] = {}
    labels = dict(Band.choices)
    for score in scores:
        if score.neighbourhood_id in found:
            continue  # two current runs (one per LSOA vintage): the newest one wins
        run = score.run
        band = score.band or Band.MISSING
        found[score.neighbourhood_id] = PartnerBand(
            neighbourhood_id=score.neighbourhood_id,
            band=band,
            band_label=labels.get(band, band),
            method=str(run.method),
            window_start=run.window_start,
            window_end=run.window_end,
            coverage_complete=run.coverage_complete,
            coverage_note=run.coverage_note,
            finished_at=run.finished_at,
        )
    return found
