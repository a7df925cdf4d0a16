"""The role names (auth groups). What each role may do is the groups' permissions (docs/adr/0006).

Groups and their permissions are created by accounts' data migrations; the names here are for those migrations,
display labels and choosing a role's home page, never for access checks.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OFFICER = "Officer"
    SERGEANT = "Sergeant"
    INSPECTOR = "Inspector"
    ANALYST = "Analyst"
    PARTNER = "Partner"
    ADMINISTRATOR = "Administrator"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Role.OFFICER: "Officer (PC/PCSO)",
    Role.SERGEANT: "Sergeant",
    Role.INSPECTOR: "Inspector",
    Role.ANALYST: "Analyst",
    Role.PARTNER: "Partner",
    Role.ADMINISTRATOR: "Administrator",
}

# When a user holds several groups the strongest decides their home page and read scope.
PRECEDENCE = [
    Role.ADMINISTRATOR,
    Role.INSPECTOR,
    Role.ANALYST,
    Role.SERGEANT,
    Role.OFFICER,
    Role.PARTNER,
]
