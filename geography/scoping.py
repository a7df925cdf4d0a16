"""Neighbourhood scope: the one helper every app uses, ``Model.objects.visible_to(user)``.

A model tied to a neighbourhood declares the lookup path to it (``neighbourhood_path``); its QuerySet
inherits ``visible_to`` and ``editable_by`` from ``NeighbourhoodScopedQuerySet``.

Which neighbourhoods a user reaches is decided here, beside the model it filters, from two things:
the *capability* permissions the user's role groups carry (declared on ``accounts.User``, granted by
accounts' data migration 0005) and the user's links to neighbourhoods, read through reverse relations
(``officers``, ``teams__leader``, ``teams__members``, ``partners``). Nothing here imports ``accounts``.
"""

from __future__ import annotations

from typing import Any, Protocol, Self

from django.apps import apps
from django.db import models
from django.db.models import Q

from core.users import UserLike, is_signed_in

# Capabilities (accounts.User.Meta.permissions). Read scope: police read force-wide, partners the areas
# their organisation covers, administrators everything (architecture: roles table).
READ_ALL = "accounts.view_all_forces"
READ_OWN_FORCE = "accounts.view_own_force"
READ_PARTNER_AREAS = "accounts.view_partner_areas"
# Write scope: officers their assigned neighbourhoods, sergeants and analysts their team's too (issue 3).
EDIT_ALL = "accounts.edit_all_neighbourhoods"
EDIT_ASSIGNED = "accounts.edit_assigned_neighbourhoods"
EDIT_TEAM = "accounts.edit_team_neighbourhoods"


class ScopedUser(UserLike, Protocol):
    """What scope needs from a user besides permissions: their force and partner organisation."""

    force_id: int | None
    organisation_id: int | None


def _neighbourhoods() -> models.QuerySet[Any]:
    return apps.get_model("geography", "Neighbourhood")._default_manager.all()


def readable_neighbourhoods(user: ScopedUser | None) -> models.QuerySet[Any] | None:
    """Primary keys of the neighbourhoods USER may read; None means every neighbourhood."""
    if not is_signed_in(user):
        return _neighbourhoods().none().values("pk")
    assert user is not None
    if user.has_perm(READ_ALL):
        return None
    scope = Q(pk__in=[])
    if user.force_id is not None and user.has_perm(READ_OWN_FORCE):
        scope |= Q(force_id=user.force_id)
    if user.organisation_id is not None and user.has_perm(READ_PARTNER_AREAS):
        scope |= Q(partners=user.organisation_id)
    return _neighbourhoods().filter(scope).values("pk")


def writable_neighbourhoods(user: ScopedUser | None) -> models.QuerySet[Any] | None:
    """Primary keys of the neighbourhoods USER may change; None means every neighbourhood."""
    if not is_signed_in(user):
        return _neighbourhoods().none().values("pk")
    assert user is not None
    if user.has_perm(EDIT_ALL):
        return None
    if user.force_id is None:
        return _neighbourhoods().none().values("pk")
    scope = Q(pk__in=[])
    if user.has_perm(EDIT_ASSIGNED):
        scope |= Q(officers=user.pk)
    if user.has_perm(EDIT_TEAM):
        scope |= Q(teams__leader=user.pk) | Q(teams__members=user.pk)
    return _neighbourhoods().filter(scope, force_id=user.force_id).values("pk").distinct()


class NeighbourhoodScopedQuerySet(models.QuerySet[Any]):
    """Rows visible to a user are those whose neighbourhood is in the user's read scope."""

    # Lookup from this model to geography.Neighbourhood's primary key; "pk" for Neighbourhood itself.
    neighbourhood_path: str = "neighbourhood"

    def _in_scope(self, scope: models.QuerySet[Any] | None) -> Self:
        if scope is None:  # unrestricted (administrators)
            return self
        if self.neighbourhood_path == "pk":
            return self.filter(pk__in=scope)
        return self.filter(**{f"{self.neighbourhood_path}__in": scope})

    def visible_to(self, user: Any) -> Self:
        """Rows USER may read (tier filtering is separate: ``accounts.tiers.max_tier``)."""
        if not is_signed_in(user):
            return self.none()
        return self._in_scope(readable_neighbourhoods(user))

    def editable_by(self, user: Any) -> Self:
        """Rows USER may change."""
        if not is_signed_in(user):
            return self.none()
        return self._in_scope(writable_neighbourhoods(user))
