"""Users, teams (a sergeant leads a team of neighbourhoods) and partner organisations."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.roles import PRECEDENCE, Role
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

    def max_tier(self) -> Tier:
        """The most sensitive tier this user may read (``accounts.tiers.max_tier``)."""
        from accounts.tiers import max_tier

        return max_tier(self)

    class Meta(AbstractUser.Meta):
        # Capabilities: what a role may reach, granted to the role groups by migration 0005. The neighbourhood
        # scope (geography.scoping) and the tier (accounts.tiers) read these; views ask ``has_perm``.
        permissions = [
            ("view_all_forces", "Can read every force's neighbourhoods"),
            ("view_own_force", "Can read every neighbourhood in their own force"),
            ("view_partner_areas", "Can read the neighbourhoods their organisation covers"),
            ("edit_all_neighbourhoods", "Can change the records of every neighbourhood"),
            ("edit_assigned_neighbourhoods", "Can change the records of the neighbourhoods they are assigned to"),
            ("edit_team_neighbourhoods", "Can change the records of their team's neighbourhoods"),
            ("view_police_tier", "Can read police-only information"),
            ("view_partner_tier", "Can read partner-tier information while their sharing agreement is in force"),
        ]


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
