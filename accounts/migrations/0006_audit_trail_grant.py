"""Administrators read the audit trail (issue 14: per record and per user, accounts/audit_views.py)."""

from django.db import migrations

from accounts.grants import grant, revoke

GRANTS = {"Administrator": ["core.view_auditevent"]}


def forwards(apps, schema_editor):
    grant(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_role_permissions"),
        ("core", "0004_auditevent_verb_no_db_choices"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
