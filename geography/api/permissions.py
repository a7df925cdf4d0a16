"""The permission the geography API asks (through ``core.api.HasPerm``), named once.

Until the role groups carry model permissions (issue 7 §1), a ``rules`` predicate answers it: any active,
signed-in user may read neighbourhoods, and a given neighbourhood only if it is in their read scope. If
another module has already registered the permission (the roles' own rules), that definition wins.
"""

from __future__ import annotations

from typing import Any

import rules

from geography.models import Neighbourhood

VIEW_NEIGHBOURHOOD = "geography.view_neighbourhood"


@rules.predicate
def can_view_neighbourhood(user: Any, neighbourhood: Neighbourhood | None = None) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if neighbourhood is None:
        return True
    return Neighbourhood.objects.visible_to(user).filter(pk=neighbourhood.pk).exists()


if not rules.perm_exists(VIEW_NEIGHBOURHOOD):
    rules.add_perm(VIEW_NEIGHBOURHOOD, can_view_neighbourhood)
