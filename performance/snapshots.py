"""Storing period values of every measure, so trends can be shown later (issue 15, step 4).

One ``compute`` per force (all its neighbourhoods at once), then each neighbourhood's, team's and the force's
values are written with ``update_or_create``: rerunning a period replaces its rows (idempotent), and a missing
value is stored as missing (value null, the reason kept), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from accounts.models import Team
from core.models import Job
from geography.models import Force, Neighbourhood
from performance.compute import Period, Value, compute
from performance.models import MeasureSnapshot


def _store(scope: str, scope_id: int, values: list[Value], period: Period, job: Job | None) -> int:
    for v in values:
        MeasureSnapshot.objects.update_or_create(
            measure=v.measure.key,
            scope=scope,
            scope_id=scope_id,
            period_start=period.start,
            period_end=period.end,
            defaults={
                "value": v.value,
                "numerator": v.numerator,
                "denominator": v.denominator,
                "missing": v.missing[:200],
                "coverage": v.coverage,
                "computed_at": v.as_at or timezone.now(),
                "job": job,
            },
        )
    return len(values)


@transaction.atomic
def snapshots_store(*, period: Period, job: Job | None = None, forces: Iterable[Force] | None = None) -> dict[str, int]:
    """Every measure for every neighbourhood, team and force (or only FORCES) over PERIOD. Returns the counts."""
    counts = {"forces": 0, "teams": 0, "neighbourhoods": 0, "values": 0}
    chosen = Force.objects.order_by("pk") if forces is None else sorted(forces, key=lambda f: f.pk)
    for force in chosen:
        ids = list(Neighbourhood.objects.filter(force=force).values_list("pk", flat=True))
        if not ids:
            continue
        results = compute(ids, period)
        counts["forces"] += 1
        counts["values"] += _store(MeasureSnapshot.Scope.FORCE, force.pk, results.values(ids), period, job)
        for team in Team.objects.filter(force=force).prefetch_related("neighbourhoods"):
            team_ids = [n.pk for n in team.neighbourhoods.all() if n.force_id == force.pk]
            if team_ids:
                counts["teams"] += 1
                counts["values"] += _store(MeasureSnapshot.Scope.TEAM, team.pk, results.values(team_ids), period, job)
        for pk in ids:
            counts["neighbourhoods"] += 1
            counts["values"] += _store(MeasureSnapshot.Scope.NEIGHBOURHOOD, pk, results.values([pk]), period, job)
    return counts
