"""Object rules for neighbourhoods (django-rules; autodiscovered by ``rules.apps.AutodiscoverRulesConfig``).

The rules ask the scope QuerySets (geography.scoping), so a list and a single-object check can never disagree:
read is own force (police), the organisation's areas (partner) or everything (administrator); change is own
neighbourhood (officer) or own team's (sergeant, analyst).
"""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import model_perm
from core.users import is_signed_in
from geography.models import Neighbourhood


@rules.predicate
def is_readable_neighbourhood(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    """NEIGHBOURHOOD is in USER's read scope."""
    if neighbourhood is None or not is_signed_in(user):
        return False
    return Neighbourhood.objects.visible_to(user).filter(pk=neighbourhood.pk).exists()


@rules.predicate
def is_editable_neighbourhood(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    """NEIGHBOURHOOD is one of USER's own (assigned) or their team's, or USER may change every one."""
    if neighbourhood is None or not is_signed_in(user):
        return False
    return Neighbourhood.objects.editable_by(user).filter(pk=neighbourhood.pk).exists()


rules.add_perm("geography.view_neighbourhood", model_perm("geography.view_neighbourhood") & is_readable_neighbourhood)
