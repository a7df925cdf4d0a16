"""Demo problem-solving plans (issue 10): three SARA plans in the demo team's neighbourhoods.

One waits for the sergeant's review, one is approved with its review overdue and an action overdue (so the
dashboard has something in each list), one is a draft. Deterministic and idempotent: fixed references
("DEMO-PS-000n"), dates fixed offsets from the "as at" date, written through ``demo.writer.upsert``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accounts.models import User
from core.tiers import Tier
from demo.writer import SyncStats, upsert
from geography.models import Neighbourhood
from problem_solving.models import Plan, PlanAction


@dataclass(frozen=True)
class DemoPlan:
    number: int
    area: int  # index into the team's neighbourhoods
    title: str
    status: str
    review_offset: int | None  # next review, days after "as at" (negative: overdue)


PLANS = [
    DemoPlan(1, 0, "Off-road bikes on the playing field on weekday evenings (demo)", "submitted", None),
    DemoPlan(2, 1, "Shed burglaries on the allotments over winter weekends (demo)", "approved", -5),
    DemoPlan(3, 0, "Fly-tipping behind the garages on Sunday nights (demo)", "draft", None),
]

CONTENT = {
    "owner_name": "Demoshire Council community safety team (synthetic)",
    "partners_involved": "Council parks team; housing association; residents' association (synthetic)",
    "objectives": "Reduce the reports by half within three months (demo).",
    "success_criteria": "Reports to police and council fall from 12 to 6 a month (demo).",
    "outcome_level": "reduce",
    "problem_statement": "Repeated nuisance at one place and time that residents report (demo).",
    "source": "tasking",
    "cheers_community": True,
    "cheers_harm": True,
    "cheers_expectation": True,
    "cheers_events": True,
    "cheers_recurring": True,
    "cheers_similarity": True,
    "pat_victim": "Residents and users of the place (demo)",
    "pat_offender": "A small group of local people (demo)",
    "pat_location": "One open, unlit site (demo)",
    "pat_guardian": "Neighbours, dog walkers",
    "pat_handler": "Parents, youth workers",
    "pat_manager": "The council as landowner",
    "weakest_side": "location",
    "hypothesis": "Open access and no lighting let it happen unseen (demo).",
    "ladder_level": "negotiate",
    "tier": Tier.POLICE,
}


def load_problem_solving_demo(
    *,
    officer: User | None,
    sergeant: User | None,
    neighbourhoods: list[Neighbourhood],
    as_at: dt.date,
    stats: SyncStats,
) -> None:
    """The demo plans in NEIGHBOURHOODS (the team's), written by OFFICER and reviewed by SERGEANT."""
    if not neighbourhoods:
        return
    for item in PLANS:
        under_way = item.status == Plan.Status.APPROVED
        plan = upsert(
            Plan,
            {"reference": f"DEMO-PS-{as_at.year}-{item.number:04d}"},
            {
                **CONTENT,
                "neighbourhood": neighbourhoods[item.area % len(neighbourhoods)],
                "title": item.title,
                "status": item.status,
                "police_lead": officer,
                "created_by": officer,
                "approved_by": sergeant if under_way else None,
                "next_review_on": as_at + dt.timedelta(days=item.review_offset) if item.review_offset else None,
            },
            stats,
        )
        upsert(
            PlanAction,
            {"plan": plan, "description": "Mend the fence and add lighting (demo)"},
            {
                "kind": "prevention",
                "owner_name": "Council parks team",
                "owner_type": "partner",
                "due_on": as_at + dt.timedelta(days=-2 if under_way else 14),
            },
            stats,
        )
        upsert(
            PlanAction,
            {"plan": plan, "description": "Tell residents what is being done at the next PACT meeting (demo)"},
            {
                "kind": "communication",
                "owner_name": "Demo Officer",
                "owner_type": "police",
                "due_on": as_at + dt.timedelta(days=21),
            },
            stats,
        )
