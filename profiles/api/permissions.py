"""The permission the profiles API asks through core.api.HasPerm (named in profiles.permissions)."""

from profiles.permissions import VIEW

__all__ = ["VIEW"]
