"""The participation mechanism audit (guide 1484–1489): read by those who read the plan (at their tier), recorded
and assessed by officers and sergeants (the neighbourhood team) and administrators.
"""

from django.db import migrations

from accounts.grants import grant, revoke

_READ = ["engagement.view_participationmechanism"]
_RECORD = ["engagement.add_participationmechanism", "engagement.change_participationmechanism"]

GRANTS = {
    "Officer": _READ + _RECORD,
    "Sergeant": _READ + _RECORD,
    "Inspector": _READ,
    "Analyst": _READ,
    "Partner": _READ,
    "Administrator": _READ + _RECORD,
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("engagement", "0013_participation_mechanisms")]
    operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]
