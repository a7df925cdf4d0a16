"""Who may see and run impact studies (issue 13): police-tier analysis, scoped by force.

- Read studies and runs (``view_impactstudy``): police roles and administrators, in their own force (every
  force with ``accounts.view_all_forces``). Partners do not see them: the figures are about where officers are.
- Create a study and run it (``add_impactstudy``): sergeants, inspectors, analysts and administrators, the
  people who plan postings and SARA assessments (guide 7495–7533: results analysis is the team's job).
"""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import model_perm
from core.users import is_signed_in

VIEW = "impact.view_impactstudy"
ADD = "impact.add_impactstudy"


@rules.predicate
def is_visible_study(user: Any, study: Any) -> bool:
    if study is None or not is_signed_in(user):
        return False
    if user.has_perm("accounts.view_all_forces"):
        return True
    return bool(study.force_id == user.force_id)


rules.add_perm(VIEW, model_perm(VIEW) & is_visible_study)
rules.add_perm(ADD, model_perm(ADD))
