"""Visibility tiers: whatever can leave the police carries one (architecture, 'Tier')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class Tier(models.IntegerChoices):
    PUBLIC = 0, "Public"
    PARTNER = 1, "Partner"
    POLICE = 2, "Police only"


def max_tier(user: User | AnonymousUser | None) -> Tier:
    """The most sensitive tier USER may read.

    Police roles read everything; a partner reads the partner tier only while their organisation's
    sharing agreement is in force, otherwise the public tier; anyone else reads public.
    """
    if user is None or not user.is_authenticated:
        return Tier.PUBLIC
    return user.max_tier()
