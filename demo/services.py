"""Loading the demo: the synthetic area (default) or real West Yorkshire open data (``--real``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction

from accounts.models import User
from crime.models import Crime
from demo.deployment import load_deployment_demo
from demo.engagement import load_engagement_demo
from demo.impact import load_impact_demo
from demo.mix import category_mix
from demo.people import Cast, DemoLogin, sync_people
from demo.performance import load_performance_demo
from demo.problem_solving import load_problem_solving_demo
from demo.queries import load_query_demo
from demo.synthetic import SOURCE, build_plan
from demo.writer import SyncStats, store_plan
from geography.models import LSOA, DeprivationRecord, Force, NeighbourhoodLSOA


@dataclass
class DemoResult:
    """What the demo holds after a run, and what the run changed."""

    synthetic: bool
    force: Force
    lsoas: models.QuerySet[LSOA]
    stats: SyncStats
    logins: list[DemoLogin]
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Rows of the demo area now in the database."""
        crimes = Crime.objects.filter(falls_within=self.force.name)
        return {
            "neighbourhoods": self.force.neighbourhoods.count(),
            "LSOAs": self.lsoas.count(),
            "neighbourhood LSOA memberships": NeighbourhoodLSOA.objects.filter(neighbourhood__force=self.force).count(),
            "deprivation records": DeprivationRecord.objects.filter(lsoa__in=self.lsoas).count(),
            "crimes": crimes.count(),
            "crimes linked to a neighbourhood": crimes.filter(neighbourhood__force=self.force).count(),
            "demo users": User.objects.filter(username__in=[login.username for login in self.logins]).count(),
            "teams": self.force.teams.count(),
            "partner organisations": self.force.partners.count(),
        }

    def months(self) -> tuple[dt.date | None, dt.date | None]:
        span = Crime.objects.filter(falls_within=self.force.name).aggregate(
            first=models.Min("month"), last=models.Max("month")
        )
        return span["first"], span["last"]


@transaction.atomic
def demo_load_synthetic(*, seed: int, as_at: dt.date, shared_data_dir: Path) -> DemoResult:
    """Build or update the synthetic Demoshire area for SEED, with crimes in the 12 months before AS_AT.

    The same seed and date give the same data, and a second run changes nothing (see demo.writer).
    Data from another seed or month window is updated in place.
    """
    mix = category_mix(shared_data_dir)
    plan = build_plan(seed=seed, as_at=as_at, mix=mix)
    stats = SyncStats()
    force, neighbourhoods = store_plan(plan, stats)
    by_code = {n.code: n for n in neighbourhoods}
    # The team, the officer and the partner work where deprivation, and so crime, is highest.
    ranked = [by_code[n.code] for n in plan.by_deprivation()]
    cast = Cast(
        team_name="Demoshire Central NPT (synthetic)",
        team_neighbourhoods=ranked[:4],
        officer_neighbourhoods=ranked[:2],
        partner_name="Demoshire Council (synthetic)",
        partner_neighbourhoods=ranked[:6],
    )
    logins = sync_people(force=force, cast=cast, as_at=as_at, stats=stats)
    load_query_demo(
        officer=User.objects.filter(username="officer").first(),
        neighbourhoods=cast.officer_neighbourhoods,
        as_at=as_at,
        stats=stats,
    )
    # eng (issue 9): groups, KIN, events, concerns and priorities with "you said, we did" updates.
    load_engagement_demo(
        officer=User.objects.filter(username="officer").first(),
        neighbourhoods=cast.officer_neighbourhoods,
        as_at=as_at,
        stats=stats,
    )
    load_problem_solving_demo(
        officer=User.objects.filter(username="officer").first(),
        sergeant=User.objects.filter(username="sergeant").first(),
        neighbourhoods=cast.team_neighbourhoods,
        as_at=as_at,
        stats=stats,
    )
    scores = load_deployment_demo(force=force, stats=stats)
    load_impact_demo(force=force, treated=cast.team_neighbourhoods, as_at=as_at, stats=stats)  # issue 13
    # issue 15: thresholds, stored earlier quarters (trends) and a signed-off self-assessment; last, so its
    # snapshots count everything the other loaders wrote.
    performance_notes = load_performance_demo(
        force=force,
        team_name=cast.team_name,
        sergeant=User.objects.filter(username="sergeant").first(),
        inspector=User.objects.filter(username="inspector").first(),
        neighbourhoods=cast.officer_neighbourhoods,
        as_at=as_at,
        stats=stats,
    )
    return DemoResult(
        synthetic=True,
        force=force,
        lsoas=LSOA.objects.filter(source=SOURCE),
        stats=stats,
        logins=logins,
        notes=[f"seed {seed}, as at {as_at:%Y-%m-%d}", f"crime category mix {mix.source}", *scores, *performance_notes],
    )
