"""The roles (auth groups) and what each may read. Groups are created by accounts' data migration."""

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
POLICE_ROLES = frozenset({Role.OFFICER, Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.ADMINISTRATOR})
