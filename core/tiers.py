"""Visibility tiers: whatever can leave the police carries one (architecture, 'Tier').

Which tier a user may read is decided beside the user: ``accounts.tiers.max_tier``.
"""

from __future__ import annotations

from django.db import models


class Tier(models.IntegerChoices):
    PUBLIC = 0, "Public"
    PARTNER = 1, "Partner"
    POLICE = 2, "Police only"
