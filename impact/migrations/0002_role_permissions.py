"""Give the role groups the impact permissions (impact/permissions.py says who and why)."""

from django.db import migrations

from accounts.grants import grant, revoke

_READ = ["impact.view_impactstudy"]
GRANTS = {
    "Officer": _READ,
    "Sergeant": [*_READ, "impact.add_impactstudy"],
    "Inspector": [*_READ, "impact.add_impactstudy"],
    "Analyst": [*_READ, "impact.add_impactstudy"],
    "Administrator": [*_READ, "impact.add_impactstudy"],
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("impact", "0001_initial")]
    operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]
