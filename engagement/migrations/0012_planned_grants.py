"""Planned engagement: read by those who read the plan (at their tier), recorded by those who record engagement."""

from django.db import migrations

from accounts.grants import grant, revoke

_READ = ["engagement.view_plannedengagement"]
_RECORD = ["engagement.add_plannedengagement", "engagement.change_plannedengagement"]

GRANTS = {
    "Officer": _READ + _RECORD,
    "Sergeant": _READ + _RECORD,
    "Inspector": _READ,
    "Analyst": _READ + _RECORD,
    "Partner": _READ,
    "Administrator": _READ + _RECORD,
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("engagement", "0011_planned_engagement")]
    operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]
