"""Inspectors and administrators set the force's thresholds (issue 15); everyone who reads the framework sees them."""

from django.db import migrations

from accounts.grants import grant, revoke

GRANTS = {
    "Inspector": ["performance.change_threshold"],
    "Administrator": ["performance.change_threshold"],
}


def forwards(apps, schema_editor):
    grant(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("performance", "0003_threshold"), ("performance", "0002_role_permissions")]
    operations = [migrations.RunPython(forwards, backwards)]
