"""Who may see and change deployment scores: role groups carry the model permissions, rules judge the object.

- Read methods, runs and scores (``view_scorerun``, ``view_scoringmethod``): police roles and administrators.
  Scores are police-tier: they steer where officers are posted. A run is visible when it is national or of
  the reader's force; its scores are then cut to the reader's neighbourhoods (``visible_to``).
- Start a run on demand (``add_scorerun``): inspectors, analysts and administrators.
- Create a new method version (``add_scoringmethod``): analysts and administrators (the "agreed methodology",
  guide 1239-1251, is the analysts' to keep; adopting it is recorded as the status "agreed").
- Plan an allocation (``plan_allocation``): sergeants, inspectors, analysts and administrators.
- The map page asks ``geography.view_neighbourhood`` (partners too): its score layers ask ``view_scorerun``.
"""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import model_perm
from core.users import is_signed_in

VIEW_RUN = "deployment.view_scorerun"
VIEW_METHOD = "deployment.view_scoringmethod"
ADD_RUN = "deployment.add_scorerun"
ADD_METHOD = "deployment.add_scoringmethod"
PLAN = "deployment.plan_allocation"
VIEW_MAP = "geography.view_neighbourhood"


@rules.predicate
def is_visible_run(user: Any, run: Any) -> bool:
    if run is None or not is_signed_in(user):
        return False
    if user.has_perm("accounts.view_all_forces"):
        return True
    return run.force_id is None or run.force_id == user.force_id


rules.add_perm(VIEW_RUN, model_perm(VIEW_RUN) & is_visible_run)
rules.add_perm(ADD_RUN, model_perm(ADD_RUN))
rules.add_perm(VIEW_METHOD, model_perm(VIEW_METHOD))
rules.add_perm(ADD_METHOD, model_perm(ADD_METHOD))
rules.add_perm(PLAN, model_perm(PLAN))
