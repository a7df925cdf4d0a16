"""A record that carries a tier, police-only notes, a version and history (the profile's parts, engagement's registers).

Moved here from ``profiles.models.base`` (issue 9) so that the profile's own parts and engagement's one register
of contacts, groups and survey results (which the profile reads; ADR 0011) share one behaviour without either
app importing the other's models. Guide: the profile has a public version and a "police eyes only" version
(part1 §2.2, guide 2848–2855).
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.locking import Versioned
from core.tiers import Tier


def tier_field(default: Tier, verbose_name: str = "Who can see this") -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(choices=Tier.choices, default=default, verbose_name=verbose_name)


def json_value(value: Any) -> Any:
    """A JSON-friendly form of a model value (dates ISO, decimals as floats, points as lat/long)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "coords"):
        return {"latitude": round(value.y, 6), "longitude": round(value.x, 6)}
    return value


class TieredPart(Versioned):
    """Abstract base of profile sections and items, and of engagement's register records."""

    # Fields shown to anyone who may see the part, and fields only readers of restricted_tier may see.
    DISPLAY_FIELDS: ClassVar[tuple[str, ...]] = ()
    RESTRICTED_FIELDS: ClassVar[tuple[str, ...]] = ("notes",)

    tier = tier_field(Tier.PUBLIC)
    restricted_tier = tier_field(Tier.POLICE, "Who can see the notes")
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    history = HistoricalRecords(inherit=True, excluded_fields=["updated_at"])

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.restricted_tier is not None and self.tier is not None and self.restricted_tier < self.tier:
            raise ValidationError(
                {"restricted_tier": "The notes cannot be shown more widely than the record they belong to."}
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if getattr(self, "is_redacted", False):
            raise RuntimeError("a redacted copy (read through a tier-filtered selector) cannot be saved")
        super().save(*args, **kwargs)

    def display_fields(self) -> tuple[str, ...]:
        """The fields this part's page shows to anyone who may see it (a section's depend on its category)."""
        return self.DISPLAY_FIELDS

    def redacted_for(self, tier: int) -> Self | None:
        """The part as a reader of TIER may see it: None if hidden, a copy without restricted fields if needed."""
        if self.tier > tier:
            return None
        if self.restricted_tier <= tier:
            return self
        redacted = copy.copy(self)
        for name in self.RESTRICTED_FIELDS:
            field: Any = self._meta.get_field(name)
            setattr(redacted, field.attname, None if field.null else "")
        redacted.is_redacted = True  # type: ignore[attr-defined]
        return redacted

    def as_dict(self) -> dict[str, Any]:
        """JSON for exports and snapshots. Call it on what ``redacted_for`` returned, never on the raw row."""
        redacted = getattr(self, "is_redacted", False)
        data: dict[str, Any] = {"id": self.pk, "version": self.version, "tier": Tier(self.tier).label}
        names = list(self.display_fields()) + ([] if redacted else list(self.RESTRICTED_FIELDS))
        for name in names:
            field: Any = self._meta.get_field(name)
            value = getattr(self, field.attname)
            if field.choices and value not in (None, ""):
                value = str(dict(field.flatchoices).get(value, value))
            data[name] = json_value(value)
        if not redacted and self.RESTRICTED_FIELDS:
            data["restricted_tier"] = Tier(self.restricted_tier).label
        return data
