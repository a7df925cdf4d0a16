"""Priority settings (how many current priorities before a warning, months between reviews): team leads set them.

Sergeants lead a team's priorities (issue 9 "Roles"); officers manage priorities but not the team's thresholds.
"""

from django.db import migrations

from accounts.grants import grant, revoke

GRANTS = {
    "Sergeant": ["priorities.change_prioritysettings"],
    "Administrator": ["priorities.change_prioritysettings"],
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("priorities", "0004_settings_version_survey_votes")]
    operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]
