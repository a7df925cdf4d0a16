"""Users, teams (a sergeant leads a team of neighbourhoods) and partner organisations."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.roles import POLICE_ROLES, PRECEDENCE, Role
from core.tiers import Tier


class PartnerOrganisation(models.Model):
    """A council, housing provider, fire service or voluntary group with a sharing agreement."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Local authority"
        HOUSING = "housing", "Housing provider"
        FIRE = "fire", "Fire and rescue"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        VOLUNTARY = "voluntary", "Voluntary or community group"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    force = models.ForeignKey("geography.Force", on_delete=models.PROTECT, related_name="partners")
    neighbourhoods = models.ManyToManyField("geography.Neighbourhood", related_name="partners", blank=True)
    agreement_reference = models.CharField(max_length=100, blank=True)
    agreement_starts = models.DateField(null=True, blank=True)
    agreement_ends = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def agreement_in_force(self, on: dt.date | None = None) -> bool:
        """True while the information-sharing agreement covers ON (today by default)."""
        on = on or timezone.localdate()
        if self.agreement_starts is None:
            return False
        return self.agreement_starts <= on and (self.agreement_ends is None or on <= self.agreement_ends)


class User(AbstractUser):
    """A person who signs in. Role comes from auth groups; scope from teams and assignments."""

    force = models.ForeignKey("geography.Force", null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    organisation = models.ForeignKey(
        PartnerOrganisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    neighbourhoods = models.ManyToManyField(
        "geography.Neighbourhood",
        blank=True,
        related_name="officers",
        help_text="Neighbourhoods this officer is assigned to.",
    )
    job_title = models.CharField(max_length=100, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    @cached_property
    def roles(self) -> frozenset[Role]:
        names = set(self.groups.values_list("name", flat=True))
        return frozenset(Role(name) for name in names if name in Role._value2member_map_)

    @property
    def role(self) -> Role | None:
        """The strongest role the user holds."""
        if self.is_superuser:
            return Role.ADMINISTRATOR
        return next((role for role in PRECEDENCE if role in self.roles), None)

    def has_role(self, *roles: Role) -> bool:
        return self.is_superuser or bool(self.roles.intersection(roles))

    @property
    def is_police(self) -> bool:
        return self.is_superuser or bool(self.roles & POLICE_ROLES)

    def max_tier(self) -> Tier:
        if self.is_police:
            return Tier.POLICE
        if Role.PARTNER in self.roles and self.organisation and self.organisation.agreement_in_force():
            return Tier.PARTNER
        return Tier.PUBLIC

    def readable_neighbourhoods(self) -> models.QuerySet[Any] | None:
        """Neighbourhood ids the user may read; None means every neighbourhood (administrators)."""
        from geography.models import Neighbourhood

        role = self.role
        if role == Role.ADMINISTRATOR:
            return None
        if role in POLICE_ROLES and self.force_id is not None:
            # Police roles read force-wide (architecture: roles table).
            return Neighbourhood.objects.filter(force_id=self.force_id).values("pk")
        if role == Role.PARTNER and self.organisation_id:
            return Neighbourhood.objects.filter(partners=self.organisation_id).values("pk")
        return Neighbourhood.objects.none().values("pk")

    def writable_neighbourhoods(self) -> models.QuerySet[Any] | None:
        """Neighbourhood ids the user may change: own (officer), team's (sergeant, analyst)."""
        from geography.models import Neighbourhood

        role = self.role
        if role == Role.ADMINISTRATOR:
            return None
        if self.force_id is None:
            return Neighbourhood.objects.none().values("pk")
        scope = Q(pk__in=[])
        if self.has_role(Role.OFFICER, Role.SERGEANT, Role.ANALYST):
            scope |= Q(officers=self)
        if self.has_role(Role.SERGEANT, Role.ANALYST):
            scope |= Q(teams__leader=self) | Q(teams__members=self)
        return Neighbourhood.objects.filter(scope, force_id=self.force_id).values("pk").distinct()


class Team(models.Model):
    """A neighbourhood team: a sergeant leads it and it covers a set of neighbourhoods."""

    name = models.CharField(max_length=200)
    force = models.ForeignKey("geography.Force", on_delete=models.PROTECT, related_name="teams")
    leader = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teams_led",
        help_text="The sergeant who leads the team.",
    )
    members = models.ManyToManyField(User, blank=True, related_name="teams")
    neighbourhoods = models.ManyToManyField("geography.Neighbourhood", related_name="teams", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["force", "name"], name="team_name_unique_in_force")]

    def __str__(self) -> str:
        return self.name
