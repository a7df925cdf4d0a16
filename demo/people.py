"""The demo cast: one user per role, a sergeant's team and a partner organisation with a valid agreement.

The passwords are deliberately trivial and printed by ``load_demo``: this is demo data for a local run,
never for a deployment. Each run resets them, so a changed password never locks the demo out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone

from accounts.models import PartnerOrganisation, Team, User
from core.roles import Role
from demo.writer import SyncStats, upsert
from geography.models import Force, Neighbourhood


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    username: str
    password: str


LOGINS = [
    DemoLogin(Role.OFFICER, "officer", "officer"),
    DemoLogin(Role.SERGEANT, "sergeant", "sergeant"),
    DemoLogin(Role.INSPECTOR, "inspector", "inspector"),
    DemoLogin(Role.ANALYST, "analyst", "analyst"),
    DemoLogin(Role.PARTNER, "partner", "partner"),
    DemoLogin(Role.ADMINISTRATOR, "admin", "admin"),
]
JOB_TITLES = {
    Role.OFFICER: "PC (demo)",
    Role.SERGEANT: "Sergeant (demo)",
    Role.INSPECTOR: "Inspector (demo)",
    Role.ANALYST: "Intelligence analyst (demo)",
    Role.PARTNER: "Community safety officer (demo)",
    Role.ADMINISTRATOR: "Administrator (demo)",
}


@dataclass(frozen=True)
class Cast:
    """Names and areas of the demo team and partner for one force."""

    team_name: str
    team_neighbourhoods: list[Neighbourhood]
    officer_neighbourhoods: list[Neighbourhood]
    partner_name: str
    partner_neighbourhoods: list[Neighbourhood]


def _sync_m2m(manager: Any, wanted: Sequence[models.Model], stats: SyncStats, label: str) -> None:
    """Set a many-to-many relation only when it differs, so a re-run writes nothing."""
    current = set(manager.values_list("pk", flat=True))
    if current != {obj.pk for obj in wanted}:
        manager.set(wanted)
        stats.add(label, "updated" if current else "created")


def sync_people(*, force: Force, cast: Cast, as_at: dt.date, stats: SyncStats) -> list[DemoLogin]:
    """Create or update the partner organisation, the users and the team; return the logins to print."""
    # The agreement runs from a year before the "as at" date for three years, so it is in force now.
    starts = as_at.replace(day=1, year=as_at.year - 1)
    partner = upsert(
        PartnerOrganisation,
        {"name": cast.partner_name},
        {
            "kind": PartnerOrganisation.Kind.COUNCIL,
            "force": force,
            "agreement_reference": "ISA-DEMO-001",
            "agreement_starts": starts,
            "agreement_ends": starts.replace(year=starts.year + 3),
        },
        stats,
    )
    _sync_m2m(partner.neighbourhoods, cast.partner_neighbourhoods, stats, "partner areas")

    joined = timezone.make_aware(dt.datetime.combine(starts, dt.time(9)))
    users: dict[Role, User] = {}
    for login in LOGINS:
        is_admin = login.role == Role.ADMINISTRATOR
        values = {
            "first_name": "Demo",
            "last_name": login.role.label,
            "email": f"{login.username}@{force.slug}.demo.example",
            "job_title": JOB_TITLES[login.role],
            "force": None if login.role == Role.PARTNER else force,
            "organisation": partner if login.role == Role.PARTNER else None,
            "is_active": True,
            "is_staff": is_admin,
            "is_superuser": is_admin,
        }
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = User(username=login.username, date_joined=joined)
        if not user.check_password(login.password):
            user.set_password(login.password)
            values["password"] = user.password
        user = upsert(User, {"username": login.username}, values, stats) if user.pk else _create(user, values, stats)
        _sync_m2m(user.groups, [Group.objects.get(name=login.role.value)], stats, "role groups")
        users[login.role] = user

    team = upsert(Team, {"force": force, "name": cast.team_name}, {"leader": users[Role.SERGEANT]}, stats)
    _sync_m2m(team.neighbourhoods, cast.team_neighbourhoods, stats, "team areas")
    _sync_m2m(team.members, [users[Role.OFFICER], users[Role.ANALYST]], stats, "team members")
    _sync_m2m(users[Role.OFFICER].neighbourhoods, cast.officer_neighbourhoods, stats, "officer assignments")
    return LOGINS


def _create(user: User, values: dict[str, object], stats: SyncStats) -> User:
    for name, value in values.items():
        setattr(user, name, value)
    user.full_clean()
    user.save()
    stats.add(User, "created")
    return user
