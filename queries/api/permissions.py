"""The permissions the queries API asks (through ``core.api.HasPerm``), named once in queries/permissions.py."""

from __future__ import annotations

from queries.permissions import VIEW, VIEW_MEASURES, VIEW_SENDER

__all__ = ["VIEW", "VIEW_MEASURES", "VIEW_SENDER"]
