"""Give the role groups the performance permissions (issue 15); object rules are in performance/permissions.py."""

from django.db import migrations

from accounts.grants import grant, revoke

_READ = ["performance.view_performance", "performance.view_selfassessment"]
_DRAFT = ["performance.add_selfassessment", "performance.change_selfassessment"]

GRANTS = {
    "Sergeant": _READ + _DRAFT,
    "Inspector": _READ + _DRAFT + ["performance.sign_off_selfassessment"],
    "Analyst": _READ,
    "Administrator": _READ + _DRAFT + ["performance.sign_off_selfassessment"],
}


def forwards(apps, schema_editor):
    grant(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("performance", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
