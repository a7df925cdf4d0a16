"""The one scoping helper every app uses: ``Model.objects.visible_to(user)``.

A model tied to a neighbourhood declares the lookup path to it (``neighbourhood_path``); its
QuerySet inherits ``visible_to`` and ``editable_by`` from ``NeighbourhoodScopedQuerySet``.
The user's read and write scopes come from ``accounts.User`` (role and team membership).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


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

    def visible_to(self, user: User | AnonymousUser | None) -> Self:
        """Rows USER may read (tier filtering is separate: see core.tiers)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self._in_scope(user.readable_neighbourhoods())

    def editable_by(self, user: User | AnonymousUser | None) -> Self:
        """Rows USER may change."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self._in_scope(user.writable_neighbourhoods())
