"""Problem-solving plans: who writes, reviews and reads them (issue 10). Partners hold none: they read the
partner-tier summary through problem_solving.selectors.plans_for_partner.
"""

from django.db import migrations

from accounts.grants import grant, revoke

_WRITE = ["problem_solving.view_plan", "problem_solving.add_plan", "problem_solving.change_plan"]
_REVIEW = ["problem_solving.review_plan", "problem_solving.view_plan_dashboard"]

GRANTS = {
    "Officer": _WRITE,
    "Sergeant": _WRITE + _REVIEW,
    "Inspector": ["problem_solving.view_plan", "problem_solving.view_plan_dashboard"],
    "Analyst": _WRITE,
    "Administrator": _WRITE + _REVIEW,
}


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_role_permissions"), ("problem_solving", "0001_initial")]
    operations = [migrations.RunPython(lambda a, s: grant(a, GRANTS), lambda a, s: revoke(a, GRANTS))]
