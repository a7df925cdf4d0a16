"""Building blocks for permissions: role groups carry model permissions, objects are judged by ``rules``.

The pattern (docs/adr/0006-layers-and-permissions.md): a role group holds plain Django permissions
(granted by a data migration), and each permission that depends on the object is registered with ``rules``
as ``model_perm(name) & <object predicate>``. A view asks one question, ``user.has_perm(name, obj)``:

- without an object, Django's ModelBackend answers from the groups ("may this role ever do it?"), which is
  what navigation and home pages ask, so a link is shown only to people who can use it;
- with an object, ModelBackend says no and the ``rules`` predicate decides.
"""

from __future__ import annotations

from typing import Any

import rules

from core.users import UserLike, is_signed_in


def model_perm(name: str) -> rules.Predicate:
    """A predicate true when the user's groups (or superuser status) grant the model permission NAME.

    It reads ``get_all_permissions()`` (ModelBackend only) rather than ``has_perm``: ``has_perm`` would ask
    the rules backend again and recurse into the rule that uses this predicate.
    """

    def check(user: Any) -> bool:
        if not is_signed_in(user):
            return False
        return bool(user.is_superuser) or name in user.get_all_permissions()

    return rules.Predicate(check, name=f"model_perm({name})")


@rules.predicate
def is_not_own_work(user: UserLike, obj: Any) -> bool:
    """USER did not create OBJ: nobody approves their own work (obj has ``created_by_id``)."""
    if obj is None or not is_signed_in(user):
        return False
    return getattr(obj, "created_by_id", None) != user.pk
