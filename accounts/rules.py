"""Object rules for accounts' capabilities (django-rules; autodiscovered by ``rules.apps.AutodiscoverRulesConfig``)."""

from __future__ import annotations

from typing import Any

import rules

from accounts.tiers import READ_PARTNER_TIER
from core.permissions import model_perm


@rules.predicate
def is_member_with_agreement(user: Any, organisation: Any) -> bool:
    """USER belongs to ORGANISATION and its information-sharing agreement is in force today."""
    if organisation is None:
        return False
    return user.organisation_id == organisation.pk and organisation.agreement_in_force()


rules.add_perm(READ_PARTNER_TIER, model_perm(READ_PARTNER_TIER) & is_member_with_agreement)
