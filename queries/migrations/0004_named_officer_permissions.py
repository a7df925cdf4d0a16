"""Who keeps a neighbourhood's named officers (issue 16): police read the list, sergeants keep it.

The object rule (queries/permissions.py) cuts change to the neighbourhoods the sergeant's team covers.
"""

from django.db import migrations

from accounts.grants import grant, revoke

_VIEW = ["queries.view_namedofficer"]
_KEEP = ["queries.add_namedofficer", "queries.change_namedofficer", "queries.delete_namedofficer"]

GRANTS = {
    "Officer": _VIEW,
    "Sergeant": _VIEW + _KEEP,
    "Inspector": _VIEW,
    "Analyst": _VIEW,
    "Administrator": _VIEW + _KEEP,
}


def forwards(apps, schema_editor):
    grant(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("queries", "0003_named_officer_version")]
    operations = [migrations.RunPython(forwards, backwards)]
