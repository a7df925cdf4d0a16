"""Granting permissions to the role groups from data migrations (docs/adr/0006-layers-and-permissions.md).

An app declares what each role may do by a data migration in its own ``migrations`` package::

    from accounts.grants import grant, revoke

    GRANTS = {"Officer": ["priorities.add_priority"], "Sergeant": ["priorities.add_priority"]}

    class Migration(migrations.Migration):
        dependencies = [("accounts", "0005_role_permissions"), ("priorities", "0001_initial")]
        operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]

Permissions are named as in ``has_perm``: ``"app_label.codename"``. Django creates permission rows only after
every migration has run (post_migrate), so ``grant`` creates any that are missing: the default ones
(``add_``/``change_``/``delete_``/``view_`` + model) and custom ones listed in a model's ``Meta.permissions``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

_DEFAULT_ACTIONS = ("add", "change", "delete", "view")


def _model_and_name(apps: Any, app_label: str, codename: str) -> tuple[str, str]:
    """The model a permission belongs to and its human name, from the migration state when it is there."""
    action, _, model = codename.partition("_")
    try:
        models = list(apps.get_app_config(app_label).get_models())
    except LookupError:
        models = []
    for state_model in models:
        for custom_codename, name in state_model._meta.permissions:
            if custom_codename == codename:
                return state_model._meta.model_name, name
    if action not in _DEFAULT_ACTIONS:
        raise LookupError(f"{app_label}.{codename} is neither a default permission nor in a model's Meta.permissions")
    verbose = next((m._meta.verbose_name_raw for m in models if m._meta.model_name == model), model)
    return model, f"Can {action} {verbose}"


def _permission(apps: Any, name: str) -> Any:
    app_label, _, codename = name.partition(".")
    content_types = apps.get_model("contenttypes", "ContentType")
    permissions = apps.get_model("auth", "Permission")
    existing = permissions.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if existing is not None:
        return existing
    model, human = _model_and_name(apps, app_label, codename)
    content_type, _ = content_types.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = permissions.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": human[:255]}
    )
    return permission


def grant(apps: Any, grants: dict[str, list[str]]) -> None:
    """Give each role group (by name) the permissions listed for it. Idempotent."""
    groups = apps.get_model("auth", "Group")
    for role, names in grants.items():
        group, _ = groups.objects.get_or_create(name=role)
        group.permissions.add(*(_permission(apps, name) for name in names))


def revoke(apps: Any, grants: dict[str, list[str]]) -> None:
    """Undo ``grant`` (for a migration's reverse)."""
    groups = apps.get_model("auth", "Group")
    permissions = apps.get_model("auth", "Permission")
    for role, names in grants.items():
        group = groups.objects.filter(name=role).first()
        if group is None:
            continue
        for name in names:
            app_label, _, codename = name.partition(".")
            group.permissions.remove(*permissions.objects.filter(content_type__app_label=app_label, codename=codename))


@cache
def every_migration_grants() -> tuple[dict[str, list[str]], ...]:
    """The GRANTS of every installed app's migrations (for tests after a flush).

    A transactional test's flush deletes the groups and their permissions, and the data migrations do not run
    again; the test factories put back what every app's migrations granted, not only the spine's.
    """
    from importlib import import_module

    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    found = []
    for key in sorted(loader.disk_migrations):
        module = import_module(type(loader.disk_migrations[key]).__module__)
        grants = getattr(module, "GRANTS", None)
        if isinstance(grants, dict):
            found.append(grants)
    return tuple(found)
