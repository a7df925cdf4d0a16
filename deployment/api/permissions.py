"""The permissions the deployment API asks through core.api.HasPerm (named in deployment.permissions)."""

from deployment.permissions import ADD_METHOD, VIEW_MAP, VIEW_METHOD, VIEW_RUN

__all__ = ["ADD_METHOD", "VIEW_MAP", "VIEW_METHOD", "VIEW_RUN"]
