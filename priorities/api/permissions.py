"""The permission the priorities API asks (through ``core.api.HasPerm``), named once."""

from __future__ import annotations

from priorities.rules import VIEW as VIEW_PRIORITY

__all__ = ["VIEW_PRIORITY"]
