"""The permission the geography API asks (through ``core.api.HasPerm``), named once.

Role groups carry it as a model permission, and ``geography/rules.py`` adds the object rule (a neighbourhood in
the user's read scope): docs/adr/0006-layers-and-permissions.md.
"""

from __future__ import annotations

VIEW_NEIGHBOURHOOD = "geography.view_neighbourhood"
