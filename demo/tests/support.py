"""Helpers for the demo tests: run the command, and remove the demo again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import StringIO

from django.apps import apps
from django.core.management import call_command

from accounts.models import PartnerOrganisation, Team, User
from core.models import AuditEvent
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
    Team.objects.filter(force__slug="demoshire").delete()
    PartnerOrganisation.objects.filter(force__slug="demoshire").delete()
    Crime.objects.filter(falls_within="Demoshire Police").delete()
    Query.objects.filter(neighbourhood__force__slug="demoshire").delete()
    NamedOfficer.history.filter(name="Demo Officer").delete()
    Query.history.filter(reference__startswith="NQ-DEMO-").delete()
    # eng (issue 9): the demo's engagement and priorities protect their neighbourhoods; remove them first. By app
    # label, not import: other apps' tests import this module, and must not depend on those apps.
    for label in ("priorities.Priority", "engagement.Concern", "engagement.EngagementEvent"):
        apps.get_model(label).objects.filter(neighbourhood__force__slug="demoshire").delete()
    Neighbourhood.objects.filter(force__slug="demoshire").delete()
    LSOA.objects.filter(source="synthetic demo").delete()
    Force.objects.filter(slug="demoshire").delete()
    User.history.filter(username__in=DEMO_USERNAMES).delete()
    Team.history.filter(name__contains="(synthetic)").delete()
    PartnerOrganisation.history.filter(name__contains="(synthetic)").delete()
    Neighbourhood.history.filter(name__contains="(synthetic)").delete()
    Force.history.filter(slug="demoshire").delete()


def printed_logins(output: str) -> list[tuple[str, str, str]]:
    section = output.split("Demo logins (role, username, password):", 1)[1]
    # Each line is "<role label> <username> <password>"; only the label has spaces.
    return [tuple(line.strip().rsplit(None, 2)) for line in section.strip().splitlines()]
