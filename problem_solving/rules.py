"""Who may do what with problem-solving plans (issue 10); autodiscovered by ``rules``.

Officers write plans for their own neighbourhoods, sergeants and analysts for their team's; police read
force-wide (inspectors read only). A sergeant approves or returns plans for neighbourhoods in their team only,
and nobody approves their own plan (``core.permissions.is_not_own_work``). Partners hold no plan permission:
they see the partner-tier summary through ``problem_solving.selectors.plans_for_partner``.
"""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import is_not_own_work, model_perm
from geography.models import Neighbourhood
from geography.rules import is_editable_neighbourhood, is_readable_neighbourhood


def _neighbourhood(obj: Any) -> Neighbourhood | None:
    """Views pass the plan (or, before one exists, its neighbourhood)."""
    return obj if obj is None or isinstance(obj, Neighbourhood) else obj.neighbourhood


@rules.predicate
def in_readable_neighbourhood(user: Any, obj: Any) -> bool:
    return bool(is_readable_neighbourhood(user, _neighbourhood(obj)))


@rules.predicate
def in_editable_neighbourhood(user: Any, obj: Any) -> bool:
    return bool(is_editable_neighbourhood(user, _neighbourhood(obj)))


@rules.predicate
def is_plan(user: Any, obj: Any) -> bool:
    return obj is not None and not isinstance(obj, Neighbourhood)


VIEW = "problem_solving.view_plan"
ADD = "problem_solving.add_plan"
CHANGE = "problem_solving.change_plan"
REVIEW = "problem_solving.review_plan"
DASHBOARD = "problem_solving.view_plan_dashboard"

rules.add_perm(VIEW, model_perm(VIEW) & in_readable_neighbourhood)
rules.add_perm(ADD, model_perm(ADD) & in_editable_neighbourhood)
rules.add_perm(CHANGE, model_perm(CHANGE) & in_editable_neighbourhood)
# Approve or return: a reviewer, for their team's neighbourhoods, never their own plan.
rules.add_perm(REVIEW, model_perm(REVIEW) & is_plan & in_editable_neighbourhood & is_not_own_work)
