"""Give the role groups the deployment permissions (deployment/permissions.py says who and why), and create
the first agreed scoring method so the first run has one (deployment/methods.py DEFAULT_COMPONENTS)."""

from django.db import migrations

from accounts.grants import grant, revoke

_READ = ["deployment.view_scorerun", "deployment.view_scoringmethod"]
GRANTS = {
    "Officer": _READ,
    "Sergeant": [*_READ, "deployment.plan_allocation"],
    "Inspector": [*_READ, "deployment.plan_allocation", "deployment.add_scorerun"],
    "Analyst": [*_READ, "deployment.plan_allocation", "deployment.add_scorerun", "deployment.add_scoringmethod"],
    "Administrator": [
        *_READ,
        "deployment.plan_allocation",
        "deployment.add_scorerun",
        "deployment.add_scoringmethod",
    ],
}
DEFAULT_NAME = "Deployment score"


def forwards(apps, schema_editor):
    from deployment.methods import DEFAULT_COMPONENTS, validate_parameters

    grant(apps, GRANTS)
    method = apps.get_model("deployment", "ScoringMethod")
    if not method.objects.filter(name=DEFAULT_NAME).exists():
        method.objects.create(
            name=DEFAULT_NAME,
            version=1,
            status="agreed",
            components=DEFAULT_COMPONENTS,
            parameters=validate_parameters({}),
            notes="The first method: deprivation-led, with current crime and ASB demand and its trend.",
        )


def backwards(apps, schema_editor):
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("deployment", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
