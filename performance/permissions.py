"""Who may see the framework and work self-assessments (issue 15). Role groups carry the permissions
(migration 0002); these rules judge the object.

- The dashboards (``view_performance``): sergeants, inspectors, analysts, administrators, over the
  neighbourhoods they may read. Never partners or the public.
- A self-assessment: read by the same roles in scope; drafted and edited by sergeants and inspectors of a team
  they may edit, while it is a draft; signed off by an inspector who did not draft it (a sergeant never signs
  off their own assessment; guide 21613–21618: inspectors and sergeants judge quality).
- An officer's figures (``view_officer_figures``): the officer, their sergeant (a team they lead has the officer
  as a member) and inspectors (``view_any_officer_figures``) of the officer's force; never analysts or partners.
- A force's thresholds (``change_threshold``): inspectors and administrators, for a force they may read.
"""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import model_perm
from core.users import is_signed_in
from geography.models import Neighbourhood

VIEW = "performance.view_performance"
VIEW_ASSESSMENT = "performance.view_selfassessment"
ADD_ASSESSMENT = "performance.add_selfassessment"
CHANGE_ASSESSMENT = "performance.change_selfassessment"
SIGN_OFF = "performance.sign_off_selfassessment"
CHANGE_THRESHOLD = "performance.change_threshold"
VIEW_OFFICER = "performance.view_officer_figures"
VIEW_ANY_OFFICER = "performance.view_any_officer_figures"


@rules.predicate
def is_visible_assessment(user: Any, assessment: Any) -> bool:
    if assessment is None or not is_signed_in(user):
        return False
    return Neighbourhood.objects.visible_to(user).filter(teams=assessment.team_id).exists()


@rules.predicate
def is_editable_team_assessment(user: Any, assessment: Any) -> bool:
    if assessment is None or not is_signed_in(user):
        return False
    return Neighbourhood.objects.editable_by(user).filter(teams=assessment.team_id).exists()


@rules.predicate
def is_draft(user: Any, assessment: Any) -> bool:
    return assessment is not None and not assessment.is_signed_off


@rules.predicate
def is_not_drafter(user: Any, assessment: Any) -> bool:
    return assessment is not None and is_signed_in(user) and assessment.drafted_by_id != user.pk


@rules.predicate
def is_force_in_scope(user: Any, force: Any) -> bool:
    """A force's thresholds are set by someone who may read at least one of its neighbourhoods."""
    if force is None or not is_signed_in(user):
        return False
    return Neighbourhood.objects.visible_to(user).filter(force=force).exists()


@rules.predicate
def is_self(user: Any, officer: Any) -> bool:
    return officer is not None and is_signed_in(user) and officer.pk == user.pk


@rules.predicate
def leads_their_team(user: Any, officer: Any) -> bool:
    """The officer's sergeant: the leader of a team the officer is a member of."""
    if officer is None or not is_signed_in(user):
        return False
    from accounts.models import Team

    return Team.objects.filter(leader=user, members=officer).exists()


@rules.predicate
def oversees_their_force(user: Any, officer: Any) -> bool:
    """Inspectors (the permission's holders) for an officer of a force whose neighbourhoods they read."""
    if officer is None or not is_signed_in(user) or not user.has_perm(VIEW_ANY_OFFICER):
        return False
    return (
        officer.force_id is not None and Neighbourhood.objects.visible_to(user).filter(force=officer.force_id).exists()
    )


rules.add_perm(VIEW_OFFICER, model_perm(VIEW_OFFICER) & (is_self | leads_their_team | oversees_their_force))
rules.add_perm(CHANGE_THRESHOLD, model_perm(CHANGE_THRESHOLD) & is_force_in_scope)
rules.add_perm(VIEW_ASSESSMENT, model_perm(VIEW_ASSESSMENT) & is_visible_assessment)
rules.add_perm(CHANGE_ASSESSMENT, model_perm(CHANGE_ASSESSMENT) & is_draft & is_editable_team_assessment)
rules.add_perm(SIGN_OFF, model_perm(SIGN_OFF) & is_draft & is_not_drafter & is_visible_assessment)
