"""Who may do what with a profile (django-rules predicates; architecture "Scope").

Read: anyone whose read scope includes the neighbourhood (``Neighbourhood.objects.visible_to``); what they see
is then cut by tier. Edit: officers their own neighbourhoods, sergeants and analysts their team's
(``editable_by``; issue 3 "Editing in the browser"). Review sign-off: a sergeant or analyst who may edit it
(issue 3; guide 2256–2258: ownership is joint between the team and local intelligence staff). History, as-at
and compare: police roles only (they show police-tier snapshots).
"""

from __future__ import annotations

from typing import Any

import rules

from core.roles import Role
from geography.models import Neighbourhood


def _signed_in(user: Any) -> bool:
    return user is not None and user.is_authenticated and user.is_active


@rules.predicate
def can_read_profile(user: Any, neighbourhood: Neighbourhood) -> bool:
    """USER may open NEIGHBOURHOOD's profile (at their own tier)."""
    return _signed_in(user) and Neighbourhood.objects.visible_to(user).filter(pk=neighbourhood.pk).exists()


@rules.predicate
def can_edit_profile(user: Any, neighbourhood: Neighbourhood) -> bool:
    """USER may change NEIGHBOURHOOD's profile."""
    return _signed_in(user) and Neighbourhood.objects.editable_by(user).filter(pk=neighbourhood.pk).exists()


@rules.predicate
def is_police(user: Any) -> bool:
    return _signed_in(user) and user.is_police


@rules.predicate
def is_reviewer(user: Any) -> bool:
    """A sergeant or an analyst (administrators manage the system; they do not sign off reviews)."""
    return _signed_in(user) and bool(user.roles & {Role.SERGEANT, Role.ANALYST})


can_sign_off_review = is_reviewer & can_edit_profile
can_read_history = is_police & can_read_profile

rules.set_perm("profiles.view_profile", can_read_profile)
rules.set_perm("profiles.change_profile", can_edit_profile)
rules.set_perm("profiles.sign_off_review", can_sign_off_review)
rules.set_perm("profiles.view_profile_history", can_read_history)
