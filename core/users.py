"""What ``core`` needs from a user, as a Protocol, so that core never imports ``accounts``.

``accounts.User`` (and Django's ``AnonymousUser``) satisfy it structurally. Apps above core that need more
(geography's scope needs ``force_id`` and ``organisation_id``) extend it in their own module.
"""

from __future__ import annotations

from typing import Any, Protocol


class UserLike(Protocol):
    """A signed-in person or an anonymous visitor: enough to ask what they may do."""

    pk: Any

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...

    def has_perm(self, perm: str, obj: Any = None) -> bool: ...


def is_signed_in(user: UserLike | None) -> bool:
    """True for an active, authenticated user."""
    return user is not None and user.is_authenticated and user.is_active
