"""Helpers for the demo tests: run the command, and remove the demo again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import StringIO

from django.apps import apps
from django.core.management import call_command

from accounts.models import PartnerOrganisation, Team, User
from core.models import AuditEvent, Job
from crime.models import Crime
from geography.models import LSOA, Force, Neighbourhood
from queries.models import NamedOfficer, Query

AS_AT = dt.date(2025, 3, 15)
DEMO_USERNAMES = ["officer", "sergeant", "inspector", "analyst", "partner", "admin"]
Runner = Callable[..., str]


def load_demo(*args: str) -> str:
    """Run load_demo with a fixed "as at" date (unless given) and return what it printed."""
    out = StringIO()
    if "--as-at" not in args and "--real" not in args:
        args = (*args, "--as-at", AS_AT.isoformat())
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def wipe_demo() -> None:
    """Remove every trace of the synthetic demo, history and audit included."""
    hoods = [str(pk) for pk in Neighbourhood.objects.filter(force__slug="demoshire").values_list("pk", flat=True)]
    AuditEvent.objects.filter(verb="neighbourhood.lsoas_set", target_id__in=hoods).delete()
    User.objects.filter(username__in=DEMO_USERNAMES).delete()
    # issue 15: the demo team's self-assessments protect the team; snapshots name scopes by id (no FK).
    assessment = apps.get_model("performance", "SelfAssessment")
    answer = apps.get_model("performance", "AssessmentAnswer")
    assessments = list(assessment.objects.filter(team__force__slug="demoshire").values_list("pk", flat=True))
    assessment.objects.filter(pk__in=assessments).delete()
    assessment.history.filter(id__in=assessments).delete()
    answer.history.filter(assessment_id__in=assessments).delete()
    threshold = apps.get_model("performance", "Threshold")
    thresholds = list(threshold.objects.filter(force__slug="demoshire").values_list("pk", flat=True))
    threshold.objects.filter(pk__in=thresholds).delete()
    threshold.history.filter(id__in=thresholds).delete()
    snapshot = apps.get_model("performance", "MeasureSnapshot")
    demo_teams = Team.objects.filter(force__slug="demoshire").values_list("pk", flat=True)
    demo_hoods = Neighbourhood.objects.filter(force__slug="demoshire").values_list("pk", flat=True)
    demo_force = Force.objects.filter(slug="demoshire").values_list("pk", flat=True)
    snapshot.objects.filter(scope="team", scope_id__in=list(demo_teams)).delete()
    snapshot.objects.filter(scope="neighbourhood", scope_id__in=list(demo_hoods)).delete()
    snapshot.objects.filter(scope="force", scope_id__in=list(demo_force)).delete()
    Team.objects.filter(force__slug="demoshire").delete()
    PartnerOrganisation.objects.filter(force__slug="demoshire").delete()
    Crime.objects.filter(falls_within="Demoshire Police").delete()
    Query.objects.filter(neighbourhood__force__slug="demoshire").delete()
    # Through the app registry: feature apps' tests import this module, and they may not import problem_solving.
    plan, action = apps.get_model("problem_solving", "Plan"), apps.get_model("problem_solving", "PlanAction")
    plan.objects.filter(neighbourhood__force__slug="demoshire").delete()
    plan.history.filter(reference__startswith="DEMO-PS-").delete()
    action.history.filter(description__endswith="(demo)").delete()
    NamedOfficer.history.filter(name="Demo Officer").delete()
    Query.history.filter(reference__startswith="NQ-DEMO-").delete()
    # By name, not import: other apps' tests use this helper, and feature apps stay independent (import-linter).
    ImpactStudy = apps.get_model("impact", "ImpactStudy")  # noqa: N806
    ImpactStudy.objects.filter(force__slug="demoshire").delete()
    ImpactStudy.history.filter(name__startswith="Demo: ").delete()
    # eng (issue 9): the demo's engagement and priorities protect their neighbourhoods; remove them first. By app
    # label, not import: other apps' tests import this module, and must not depend on those apps.
    for label in ("priorities.Priority", "engagement.Concern", "engagement.EngagementEvent"):
        apps.get_model(label).objects.filter(neighbourhood__force__slug="demoshire").delete()
    Neighbourhood.objects.filter(force__slug="demoshire").delete()
    LSOA.objects.filter(source="synthetic demo").delete()
    Force.objects.filter(slug="demoshire").delete()  # its deployment score runs go with it
    Job.objects.filter(kind="compute_deployment_scores", params__force="demoshire").delete()
    User.history.filter(username__in=DEMO_USERNAMES).delete()
    Team.history.filter(name__contains="(synthetic)").delete()
    PartnerOrganisation.history.filter(name__contains="(synthetic)").delete()
    Neighbourhood.history.filter(name__contains="(synthetic)").delete()
    Force.history.filter(slug="demoshire").delete()


def printed_logins(output: str) -> list[tuple[str, str, str]]:
    section = output.split("Demo logins (role, username, password):", 1)[1]
    # Each line is "<role label> <username> <password>"; only the label has spaces.
    return [tuple(line.strip().rsplit(None, 2)) for line in section.strip().splitlines()]
