"""Factories for problem-solving plans (issue 10 tests). Plans are made through the service so the reference
is allocated the real way; ``complete`` fills the minimum content needed to submit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from problem_solving import services
from problem_solving.models import Plan, PlanAction

MINIMUM = {
    "objectives": "Reduce off-road bike nuisance on the playing field by half within three months",
    "success_criteria": "ASB calls about bikes on the field fall from 12 to 6 a month",
    "problem_statement": "Off-road motorbikes ridden across Mill Lane playing field on weekday evenings",
    "pat_victim": "Families and dog walkers using the field",
    "pat_offender": "Three or four local teenagers on unregistered bikes",
    "pat_location": "Mill Lane playing field, open access from the lane",
    "hypothesis": "An unguarded gap in the fence lets bikes onto the field",
}


def make_plan(*, neighbourhood: Any, actor: Any, priority: Any = None, title: str = "Bikes on Mill Lane field") -> Plan:
    return services.plan_create(
        neighbourhood=neighbourhood, priority=priority, title=title, owner_name="Parks department", actor=actor
    )


def complete(plan: Plan, **extra: Any) -> Plan:
    """Write the minimum content and one action, straight to the row (not what is under test)."""
    Plan.objects.filter(pk=plan.pk).update(**MINIMUM, **extra)
    PlanAction.objects.create(
        plan=plan,
        kind=PlanAction.Kind.PREVENTION,
        description="Mend the fence gap",
        owner_name="Parks department",
        owner_type=PlanAction.OwnerType.PARTNER,
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )
    return Plan.objects.get(pk=plan.pk)


def submitted(*, neighbourhood: Any, actor: Any, **kwargs: Any) -> Plan:
    plan = complete(make_plan(neighbourhood=neighbourhood, actor=actor, **kwargs))
    return services.plan_submit(plan=plan, loaded_version=plan.version, actor=actor)
