"""The permissions the engagement API asks (through ``core.api.HasPerm``), named once."""

from __future__ import annotations

from engagement.event_rules import VIEW_EVENT as VIEW_PLAN
from engagement.event_rules import VIEW_KIN

__all__ = ["VIEW_KIN", "VIEW_PLAN"]
