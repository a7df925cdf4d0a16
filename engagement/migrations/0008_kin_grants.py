"""The KIN contact log: police roles read it, those who record engagement record it; partners never (it names people)."""

from django.db import migrations

from accounts.grants import grant, revoke

_READ = ["engagement.view_kincontact"]
_RECORD = ["engagement.add_kincontact"]

GRANTS = {
    "Officer": _READ + _RECORD,
    "Sergeant": _READ + _RECORD,
    "Inspector": _READ,
    "Analyst": _READ + _RECORD,
    "Administrator": _READ + _RECORD,
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("engagement", "0007_kin")]
    operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]
