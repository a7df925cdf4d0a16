"""Engagement events and concerns: which roles may read and record them (issue 9 "Roles")."""

from django.db import migrations

from accounts.grants import grant, revoke

_READ = ["engagement.view_engagementevent", "engagement.view_concern"]
_RECORD = ["engagement.add_engagementevent", "engagement.change_engagementevent", "engagement.add_concern"]

GRANTS = {
    "Officer": _READ + _RECORD,
    "Sergeant": _READ + _RECORD,
    "Inspector": _READ,
    "Analyst": _READ + _RECORD,
    # Partners read events only (public and partner tiers, cut by accounts.tiers.max_tier); concerns are police notes.
    "Partner": ["engagement.view_engagementevent"],
    "Administrator": _READ + _RECORD,
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("engagement", "0002_event_details")]
    operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]
