"""The permissions the engagement API asks (through ``core.api.HasPerm``), named once."""

from __future__ import annotations

from engagement.event_rules import VIEW_EVENT as VIEW_PLAN
from engagement.event_rules import VIEW_KIN

# Reading events asks the same permission as the plan (the plan is read from the events).
VIEW_EVENT = VIEW_PLAN

__all__ = ["VIEW_EVENT", "VIEW_KIN", "VIEW_PLAN"]
