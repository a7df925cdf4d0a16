"""Give the role groups the query permissions (issue 16); object rules are in queries/permissions.py."""

from django.db import migrations

from accounts.grants import grant, revoke

_READ = ["queries.view_query", "queries.view_query_sender", "queries.view_query_measures"]
_WORK = ["queries.change_query"]
_OVERSIGHT = ["queries.view_query_oversight"]

GRANTS = {
    "Officer": _READ + _WORK,
    "Sergeant": _READ + _WORK + _OVERSIGHT,
    "Inspector": _READ + _OVERSIGHT + ["queries.erase_query"],
    "Analyst": _READ + _WORK,
    # A partner reads only the queries passed to their organisation, and never the sender's details.
    "Partner": ["queries.view_query"],
    "Administrator": _READ + _WORK + _OVERSIGHT + ["queries.erase_query"],
}


def forwards(apps, schema_editor):
    grant(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("queries", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
