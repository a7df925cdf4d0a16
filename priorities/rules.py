"""Who may do what with priorities (issue 9); autodiscovered by ``rules.apps.AutodiscoverRulesConfig``.

The object is the priority's neighbourhood. Officers manage the priorities of their neighbourhoods, sergeants
and analysts their team's; police read force-wide; partners read public and partner-tier priorities in their
organisation's areas (issue 9 "Roles"). The team board (``view_team_board``) is for those who lead a team's
priorities: it lists the neighbourhoods the reader may edit, with review flags.
"""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import model_perm
from geography.models import Neighbourhood
from geography.rules import is_editable_neighbourhood, is_readable_neighbourhood


def _neighbourhood(obj: Any) -> Neighbourhood | None:
    """The object's neighbourhood: views pass the neighbourhood, the API (core.api.HasPerm) the priority."""
    return obj if obj is None or isinstance(obj, Neighbourhood) else obj.neighbourhood


@rules.predicate
def in_readable_neighbourhood(user: Any, obj: Any) -> bool:
    return bool(is_readable_neighbourhood(user, _neighbourhood(obj)))


@rules.predicate
def in_editable_neighbourhood(user: Any, obj: Any) -> bool:
    return bool(is_editable_neighbourhood(user, _neighbourhood(obj)))


VIEW = "priorities.view_priority"
ADD = "priorities.add_priority"
CHANGE = "priorities.change_priority"
TEAM_BOARD = "priorities.view_team_board"
SETTINGS = "priorities.change_prioritysettings"

rules.add_perm(VIEW, model_perm(VIEW) & in_readable_neighbourhood)
rules.add_perm(ADD, model_perm(ADD) & in_editable_neighbourhood)
rules.add_perm(CHANGE, model_perm(CHANGE) & in_editable_neighbourhood)
rules.add_perm(SETTINGS, model_perm(SETTINGS) & in_editable_neighbourhood)
