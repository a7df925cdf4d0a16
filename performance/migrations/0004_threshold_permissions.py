"""Inspectors and administrators set the force's thresholds (issue 15); everyone who reads the framework sees them.
Officer-level figures: the officer and their sergeant (object rule), inspectors and administrators for any officer
in scope. Analysts and partners hold neither."""

from django.db import migrations

from accounts.grants import grant, revoke

_OFFICER = ["performance.view_officer_figures"]
_ANY = _OFFICER + ["performance.view_any_officer_figures"]

GRANTS = {
    "Officer": _OFFICER,
    "Sergeant": _OFFICER,
    "Inspector": ["performance.change_threshold", *_ANY],
    "Administrator": ["performance.change_threshold", *_ANY],
}


def forwards(apps, schema_editor):
    grant(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("performance", "0003_threshold"), ("performance", "0002_role_permissions")]
    # 0003 carries the model options that create the two officer permissions.
    operations = [migrations.RunPython(forwards, backwards)]
