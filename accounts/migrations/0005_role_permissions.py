"""Give each role group the permissions its role needs (issue 7 §1 "Capabilities as permissions").

Object rules (own neighbourhood, own team, partner agreement in force) are ``rules`` predicates on top of
these: accounts/rules.py, geography/rules.py, profiles/permissions.py. A feature app grants its own
permissions in its own data migration with ``accounts.grants.grant``.
"""

from django.db import migrations

from accounts.grants import grant, revoke

# Read every neighbourhood in the force, read police-only information (architecture: roles table).
_POLICE_READ = [
    "accounts.view_own_force",
    "accounts.view_police_tier",
    "geography.view_neighbourhood",
    "profiles.view_neighbourhoodprofile",
    "profiles.view_historicalneighbourhoodprofile",
]
# Keep the profiles of one's own neighbourhoods up to date (issue 3).
_EDIT_OWN = ["accounts.edit_assigned_neighbourhoods", "profiles.change_neighbourhoodprofile"]
# Sergeants and analysts co-own their team's profiles and sign off reviews (guide 2256–2258).
_TEAM = ["accounts.edit_team_neighbourhoods", "profiles.add_profilereview"]

GRANTS = {
    "Officer": _POLICE_READ + _EDIT_OWN,
    "Sergeant": _POLICE_READ + _EDIT_OWN + _TEAM,
    "Inspector": _POLICE_READ,
    "Analyst": _POLICE_READ + _EDIT_OWN + _TEAM + ["core.view_job"],
    "Partner": [
        "accounts.view_partner_areas",
        "accounts.view_partner_tier",
        "geography.view_neighbourhood",
        "profiles.view_neighbourhoodprofile",
    ],
    # Administrators manage the system: every force, every profile, the import jobs; they do not sign off reviews.
    "Administrator": [
        "accounts.view_all_forces",
        "accounts.edit_all_neighbourhoods",
        "accounts.view_police_tier",
        "geography.view_neighbourhood",
        "profiles.view_neighbourhoodprofile",
        "profiles.change_neighbourhoodprofile",
        "profiles.view_historicalneighbourhoodprofile",
        "core.view_job",
    ],
}


def forwards(apps, schema_editor):
    grant(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_capabilities"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
