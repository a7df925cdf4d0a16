"""The most sensitive tier a user may read (``Tier`` itself lives in core.tiers)."""

from __future__ import annotations

from typing import Any

from core.tiers import Tier
from core.users import is_signed_in

# Capabilities (accounts.User.Meta.permissions), granted to role groups by migration 0005.
READ_POLICE_TIER = "accounts.view_police_tier"
READ_PARTNER_TIER = "accounts.view_partner_tier"


def max_tier(user: Any) -> Tier:
    """The most sensitive tier USER may read.

    Police roles read everything; a partner reads the partner tier only while their organisation's
    sharing agreement is in force (the rule on ``accounts.view_partner_tier``, accounts/rules.py),
    otherwise the public tier; anyone else, signed in or not, reads public.
    """
    if not is_signed_in(user):
        return Tier.PUBLIC
    if user.has_perm(READ_POLICE_TIER):
        return Tier.POLICE
    if user.has_perm(READ_PARTNER_TIER, user.organisation):
        return Tier.PARTNER
    return Tier.PUBLIC
