"""Survey runs: police and partners read them (partner tier by default); those who record engagement record them."""

from django.db import migrations

from accounts.grants import grant, revoke

_READ = ["engagement.view_surveyrun"]
_RECORD = ["engagement.add_surveyrun"]

GRANTS = {
    "Officer": _READ + _RECORD,
    "Sergeant": _READ + _RECORD,
    "Inspector": _READ,
    "Analyst": _READ + _RECORD,
    "Partner": _READ,
    "Administrator": _READ + _RECORD,
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("engagement", "0009_kin_priority_survey_runs")]
    operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]
