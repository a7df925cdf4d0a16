"""Who may do what with engagement events and concerns (issue 9): groups carry the model permissions, these
``rules`` judge the object. The object is the event's neighbourhood, as for profiles, so a create page (no
event yet) asks the same question as an edit page.

- Read (``view_engagementevent``): the neighbourhood is in the reader's scope; rows are then cut by tier
  (``accounts.tiers.max_tier``): partners read public and partner-tier events only.
- Record and edit events and the concerns raised at them: officers for their neighbourhoods, sergeants and
  analysts for their team's (issue 9 "Roles").
"""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import model_perm
from geography.models import Neighbourhood
from geography.rules import is_editable_neighbourhood, is_readable_neighbourhood


def _neighbourhood(obj: Any) -> Neighbourhood | None:
    """The object's neighbourhood: views pass the neighbourhood, the API (core.api.HasPerm) the record itself (a
    register contact hangs off the neighbourhood's profile).
    """
    if obj is None or isinstance(obj, Neighbourhood):
        return obj
    profile = getattr(obj, "profile", None)
    return profile.neighbourhood if profile is not None else obj.neighbourhood


@rules.predicate
def in_readable_neighbourhood(user: Any, obj: Any) -> bool:
    return bool(is_readable_neighbourhood(user, _neighbourhood(obj)))


VIEW_EVENT = "engagement.view_engagementevent"
ADD_EVENT = "engagement.add_engagementevent"
CHANGE_EVENT = "engagement.change_engagementevent"
ADD_CONCERN = "engagement.add_concern"

rules.add_perm(VIEW_EVENT, model_perm(VIEW_EVENT) & in_readable_neighbourhood)
rules.add_perm(ADD_EVENT, model_perm(ADD_EVENT) & is_editable_neighbourhood)
rules.add_perm(CHANGE_EVENT, model_perm(CHANGE_EVENT) & is_editable_neighbourhood)
rules.add_perm(ADD_CONCERN, model_perm(ADD_CONCERN) & is_editable_neighbourhood)

# --- KIN and the engagement plan (issue 9, second half) ---
# The KIN list names people: police roles with the log permission, for neighbourhoods in scope (never partners).
VIEW_KIN = "engagement.view_kincontact"
ADD_KIN = "engagement.add_kincontact"

rules.add_perm(VIEW_KIN, model_perm(VIEW_KIN) & in_readable_neighbourhood)
rules.add_perm(ADD_KIN, model_perm(ADD_KIN) & is_editable_neighbourhood)

# Survey runs (issue 9): read where the neighbourhood is readable (partner tier by default), recorded by those who
# record engagement in the neighbourhoods they may edit.
VIEW_SURVEY = "engagement.view_surveyrun"
ADD_SURVEY = "engagement.add_surveyrun"

rules.add_perm(VIEW_SURVEY, model_perm(VIEW_SURVEY) & is_readable_neighbourhood)
rules.add_perm(ADD_SURVEY, model_perm(ADD_SURVEY) & is_editable_neighbourhood)

# Planned engagement that is not an event: recorded, and marked done, by those who record engagement.
ADD_PLANNED = "engagement.add_plannedengagement"
CHANGE_PLANNED = "engagement.change_plannedengagement"

rules.add_perm(ADD_PLANNED, model_perm(ADD_PLANNED) & is_editable_neighbourhood)
rules.add_perm(CHANGE_PLANNED, model_perm(CHANGE_PLANNED) & is_editable_neighbourhood)

# The audit of participation mechanisms (guide 1484–1489): recorded and assessed by officers for their
# neighbourhoods and sergeants for their team's (the grants leave analysts and inspectors read-only).
ADD_MECHANISM = "engagement.add_participationmechanism"
CHANGE_MECHANISM = "engagement.change_participationmechanism"

rules.add_perm(ADD_MECHANISM, model_perm(ADD_MECHANISM) & is_editable_neighbourhood)
rules.add_perm(CHANGE_MECHANISM, model_perm(CHANGE_MECHANISM) & is_editable_neighbourhood)
