"""Priorities: which roles may read, set and manage them (issue 9 "Roles")."""

from django.db import migrations

from accounts.grants import grant, revoke

_MANAGE = ["priorities.view_priority", "priorities.add_priority", "priorities.change_priority"]

GRANTS = {
    "Officer": _MANAGE,
    # Sergeants see all their team's priorities with review-due and overdue flags (issue 9 "Roles").
    "Sergeant": _MANAGE + ["priorities.view_team_board"],
    "Inspector": ["priorities.view_priority"],
    "Analyst": _MANAGE + ["priorities.view_team_board"],
    "Partner": ["priorities.view_priority"],
    "Administrator": _MANAGE + ["priorities.view_team_board"],
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("priorities", "0002_smart_lifecycle")]
    operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]
