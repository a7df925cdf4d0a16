"""Every role x every URL: who gets the page (200), who is sent to sign in (302), refused (403) or told
it does not exist (404, for things outside their scope, so existence does not leak).

To cover a new page, add one ``Route`` to ROUTES: a name, how to build its URL from the cast, and the
expected outcome per user (``everyone(...)`` with overrides keeps rows short).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from core.models import Job
from geography.models import NeighbourhoodLSOA
from queries.links import confirmation_url, review_path
from queries.models import Query
from queries.services import query_submit
from tests.factories import LSOAFactory

USERS = ("anonymous", "olivia", "sam", "ian", "ana", "pat", "ada", "nobody")
POLICE = ("olivia", "sam", "ian", "ana")

# Outcomes other than a plain status code.
LOGIN = "302 to the sign-in page"
ADMIN_LOGIN = "302 to the admin sign-in page"


def everyone(outcome: int | str, **overrides: int | str) -> dict[str, int | str]:
    unknown = set(overrides) - set(USERS)
    assert not unknown, f"unknown users {unknown}"
    return {user: overrides.get(user, outcome) for user in USERS}


def police(outcome: int | str, otherwise: int | str, **overrides: int | str) -> dict[str, int | str]:
    """OUTCOME for the police roles, OTHERWISE for the rest (anonymous is sent to sign in unless overridden)."""
    base = {user: (outcome if user in POLICE else otherwise) for user in USERS}
    return {**base, "anonymous": LOGIN, **overrides}


@dataclass(frozen=True)
class Route:
    name: str
    url: Callable[[Any], str]
    expected: dict[str, int | str]


def _detail(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse("geography:neighbourhood-detail", args=[getattr(cast, name).pk])


def _api(name: str, suffix: str = "") -> Callable[[Any], str]:
    route = "api-geography:neighbourhood-lsoas" if suffix else "api-geography:neighbourhood-detail"
    return lambda cast: reverse(route, args=[getattr(cast, name).pk])


def _query(cast: Any) -> Query:
    """One query in Ashfield, made the first time a route asks for it."""
    if not hasattr(cast, "query"):
        cast.query = query_submit(
            neighbourhood=cast.ashfield,
            topic="asb",
            message="Noise",
            reply_by="email",
            sender_email="rita@example.com",
            consent_contact=True,
        )
    return cast.query  # type: ignore[no-any-return]


def _query_action(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(f"queries:{name}", args=[_query(cast).pk])


def _named_officer(cast: Any) -> Any:
    """One named officer on Ashfield (issue 16: the list the sergeant keeps), made on first use."""
    from queries.models import NamedOfficer

    officer, _ = NamedOfficer.objects.get_or_create(
        neighbourhood=cast.ashfield, name="Matrix Officer", defaults={"rank": "PC", "role": "Beat manager"}
    )
    return officer


# priorities and engagement events (issue 9): the records their routes open, made on first use.
def _editors() -> dict[str, int | str]:
    return police(200, 403, olivia=200, sam=200, ana=200, ian=403, ada=200, nobody=404)


def _event(cast: Any, tier: int) -> Any:
    from engagement.models import EngagementEvent

    event, _ = EngagementEvent.objects.get_or_create(
        neighbourhood=cast.ashfield,
        tier=tier,
        defaults={"kind": "pact", "title": f"Matrix event {tier}", "starts_at": "2026-07-01T18:00Z"},
    )
    return event


def _concern(cast: Any) -> Any:
    from engagement.models import Concern

    concern, _ = Concern.objects.get_or_create(
        neighbourhood=cast.ashfield, event=_event(cast, 0), defaults={"text": "Matrix concern"}
    )
    return concern


def _priority(cast: Any, tier: int, where: str = "ashfield") -> Any:
    from priorities.models import Priority

    priority, _ = Priority.objects.get_or_create(
        neighbourhood=getattr(cast, where), tier=tier, defaults={"title": f"Matrix priority {tier} on Mill Lane"}
    )
    return priority


def _survey_run(cast: Any) -> Any:
    from engagement.models import SurveyRun

    run, _ = SurveyRun.objects.get_or_create(
        neighbourhood=cast.ashfield,
        title="Matrix survey",
        defaults={"purpose": "both", "source": "local", "starts_on": "2026-03-01", "ends_on": "2026-03-31"},
    )
    return run


def _kin_member(cast: Any) -> Any:
    from engagement.models import KeyContact
    from profiles.services import profile_ensure

    member, _ = KeyContact.objects.get_or_create(
        profile=profile_ensure(neighbourhood=cast.ashfield, by=None),
        role="Matrix KIN member",
        defaults={"kind": "kin", "kin_type": "tactical", "consents_to_contact": True},
    )
    return member


# audit (issue 9 plan, guide 1484–1489): one police-tier participation mechanism in Ashfield, made on first use.
def _mechanism(cast: Any) -> Any:
    from engagement.models import ParticipationMechanism

    mechanism, _ = ParticipationMechanism.objects.get_or_create(
        neighbourhood=cast.ashfield,
        name="Matrix PACT meeting",
        defaults={"kind": "pact", "run_by": "police", "frequency": "Monthly"},
    )
    return mechanism


# problem-solving plans (issue 10): one police-tier plan in Ashfield written by Olivia, made on first use.
def _plan(cast: Any) -> Any:
    from problem_solving.models import Plan
    from problem_solving.services import plan_create

    found = Plan.objects.filter(neighbourhood=cast.ashfield, title="Matrix plan").first()
    return found or plan_create(
        neighbourhood=cast.ashfield, title="Matrix plan", owner_name="Council", actor=cast.olivia
    )


def _plan_action(name: str, *args: str) -> Callable[[Any], str]:
    return lambda cast: reverse(f"problem_solving:{name}", args=[_plan(cast).pk, *args])


def _plan_step(name: str) -> Callable[[Any], str]:
    """A URL about the matrix plan's one response action (made on first use)."""

    def url(cast: Any) -> str:
        import datetime as dt

        plan = _plan(cast)
        action = plan.actions.first() or plan.actions.create(
            kind="prevention", description="Matrix action", owner_name="Council", due_on=dt.date(2026, 6, 1)
        )
        return reverse(f"problem_solving:{name}", args=[plan.pk, action.pk])

    return url


# Plan writers: view+change in the neighbourhood's edit scope; the inspector reads only; partners hold no plan
# permission and the plan is police tier (404); nobody has no scope (404).
_PLAN_WRITERS = police(200, 404, ian=403, ada=200)
# Reviewers: the team's sergeant (not the plan's author) and the administrator.
_PLAN_REVIEWERS = police(403, 404, sam=200, ada=200)

PLAN_ROUTES = [
    Route("plans", lambda cast: reverse("problem_solving:index"), police(200, 403, ada=200)),
    Route(
        "plan-dashboard", lambda cast: reverse("problem_solving:dashboard"), police(403, 403, sam=200, ian=200, ada=200)
    ),
    Route(
        "plan-create",
        lambda cast: reverse("problem_solving:create") + f"?priority={_priority(cast, 0, 'brookside').pk}",
        police(200, 404, olivia=403, ian=403, ada=200),
    ),
    Route("plan-detail", _plan_action("detail"), police(200, 404, ada=200)),
    *[
        Route(f"plan-edit-{stage}", _plan_action("edit", stage), _PLAN_WRITERS)
        for stage in ("overview", "scanning", "analysis", "response", "assessment")
    ],
    Route("plan-action", _plan_action("action"), _PLAN_WRITERS),
    Route("plan-action-edit", _plan_step("action-edit"), _PLAN_WRITERS),
    Route("plan-action-done", _plan_step("action-done"), everyone(405, anonymous=LOGIN)),
    Route("plan-evidence", _plan_action("evidence"), _PLAN_WRITERS),
    Route("plan-activity", _plan_action("activity"), _PLAN_WRITERS),
    Route("plan-print", _plan_action("print"), police(200, 404, ada=200)),
    Route("plan-review", _plan_action("review"), _PLAN_REVIEWERS),
    Route("plan-periodic-review", _plan_action("periodic-review"), _PLAN_REVIEWERS),
    Route("plan-close", _plan_action("close"), _PLAN_REVIEWERS),
    *[
        Route(f"plan-{name}", _plan_action(name), everyone(405, anonymous=LOGIN))
        for name in ("submit", "start", "assessment")
    ],
    Route("api-plans", lambda cast: reverse("api-problem-solving:plan-list"), police(200, 403, anonymous=403, ada=200)),
    Route(
        "api-plan",
        lambda cast: reverse("api-problem-solving:plan-detail", args=[_plan(cast).pk]),
        police(200, 403, anonymous=403, ada=200),
    ),
]


# performance framework (issue 15)
def _performance(**overrides: int | str) -> dict[str, int | str]:
    return police(200, 403, **{"olivia": 403, "ada": 200, **overrides})


def _team(cast: Any) -> Any:
    from accounts.models import Team

    return Team.objects.get(name="Ashfield and Brookside NPT")


def _assessment(cast: Any) -> Any:
    """The team's draft self-assessment, drafted by Sam (made on first use)."""
    import datetime as dt

    from performance.models import SelfAssessment
    from performance.services import assessment_create

    found = SelfAssessment.objects.first()
    if found is None:
        found = assessment_create(
            team=_team(cast), period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31), actor=cast.sam
        )
    return found


def _assessment_url(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(f"performance:{name}", args=[_assessment(cast).pk])


ROUTES = [
    Route("home", lambda cast: reverse("home"), everyone(200, anonymous=LOGIN)),
    Route("neighbourhood-list", lambda cast: reverse("geography:neighbourhood-list"), everyone(200, anonymous=LOGIN)),
    # Pat's organisation covers Ashfield only; Elsewhere belongs to another force.
    Route("detail-ashfield", _detail("ashfield"), police(200, 404, pat=200, ada=200)),
    Route("detail-cottam", _detail("cottam"), police(200, 404, ada=200)),
    Route("detail-elsewhere", _detail("elsewhere"), everyone(404, anonymous=LOGIN, ada=200)),
    Route("jobs", lambda cast: reverse("geography:job-list"), everyone(403, anonymous=LOGIN, ana=200, ada=200)),
    Route(
        "job-detail",
        lambda cast: reverse("geography:job-detail", args=[cast.job.pk]),
        everyone(403, anonymous=LOGIN, ana=200, ada=200),
    ),
    # The API answers 403 rather than redirecting: a script has no sign-in page to go to.
    # A signed-in user with no role holds no geography.view_neighbourhood permission: 403 (core.api.HasPerm).
    Route(
        "api-neighbourhoods",
        lambda cast: reverse("api-geography:neighbourhood-list"),
        everyone(200, anonymous=403, nobody=403),
    ),
    Route("api-ashfield", _api("ashfield"), police(200, 404, anonymous=403, pat=200, ada=200, nobody=403)),
    Route("api-cottam-lsoas", _api("cottam", "lsoas"), police(200, 404, anonymous=403, ada=200, nobody=403)),
    Route("api-elsewhere", _api("elsewhere"), everyone(404, anonymous=403, ada=200, nobody=403)),
    # An LSOA is seen through the neighbourhoods it belongs to (matrix_cast: one in Ashfield, one in none).
    Route(
        "lsoa-ashfield",
        lambda cast: reverse("geography:lsoa-detail", args=[cast.lsoa.pk]),
        police(200, 404, pat=200, ada=200),
    ),
    Route(
        "lsoa-orphan",
        lambda cast: reverse("geography:lsoa-detail", args=[cast.orphan.pk]),
        everyone(404, anonymous=LOGIN),
    ),
    Route("crime-coverage", lambda cast: reverse("crime:coverage"), everyone(200, anonymous=LOGIN, nobody=403)),
    Route("api-crime-records", lambda cast: reverse("api-crime:record-list"), everyone(200, anonymous=403, nobody=403)),
    Route("api-crime-counts", lambda cast: reverse("api-crime:counts"), everyone(200, anonymous=403, nobody=403)),
    # Starting and rerunning jobs are POST only (tests/test_jobs.py checks who may): a GET changes nothing.
    Route(
        "job-start", lambda cast: reverse("geography:job-start", args=["crime.relink"]), everyone(405, anonymous=LOGIN)
    ),
    Route("job-rerun", lambda cast: reverse("geography:job-rerun", args=[cast.job.pk]), everyone(405, anonymous=LOGIN)),
    Route("healthz", lambda cast: reverse("healthz"), everyone(200)),
    # The internal schema and docs: police roles and the administrator (view_police_tier); 403 to the rest,
    # anonymous included (DRF's session authentication answers 403, not a redirect). Issue 12.
    Route("api-schema", lambda cast: reverse("api-schema"), police(200, 403, anonymous=403, ada=200)),
    Route("api-docs", lambda cast: reverse("api-docs"), police(200, 403, anonymous=403, ada=200)),
    # Feature apps: placeholders until their issues land; each feature replaces its row.
    Route("profiles", lambda cast: reverse("profiles:index"), everyone(200, anonymous=LOGIN)),
    Route("engagement", lambda cast: reverse("engagement:index"), everyone(200, anonymous=LOGIN)),
    Route("admin", lambda cast: reverse("admin:index"), everyone(ADMIN_LOGIN, ada=200)),
    # hardening (issue 14): the audit trail, for administrators only.
    Route("audit-trail", lambda cast: reverse("audit-trail"), everyone(403, anonymous=LOGIN, ada=200)),
    # deployment (issue 11): police read scores; sergeants and up plan; everyone with a role sees the map.
    Route("deployment-runs", lambda cast: reverse("deployment:run-list"), police(200, 403, ada=200)),
    Route("deployment-run", lambda cast: _run_url(cast, "deployment:run-detail"), police(200, 403, ada=200)),
    Route("deployment-csv", lambda cast: _run_url(cast, "deployment:run-csv"), police(200, 403, ada=200)),
    Route("deployment-compare", lambda cast: _run_url(cast, "deployment:run-compare"), police(200, 403, ada=200)),
    Route("deployment-plan", lambda cast: _run_url(cast, "deployment:plan"), police(200, 403, olivia=403, ada=200)),
    Route("deployment-start", lambda cast: reverse("deployment:run-start"), everyone(405, anonymous=LOGIN)),
    Route("deployment-map", lambda cast: reverse("deployment:map"), everyone(200, anonymous=LOGIN, nobody=403)),
    Route(
        "api-deployment-methods",
        lambda cast: reverse("api-deployment:method-list"),
        police(200, 403, anonymous=403, ada=200),
    ),
    Route(
        "api-deployment-runs", lambda cast: reverse("api-deployment:run-list"), police(200, 403, anonymous=403, ada=200)
    ),
    Route(
        "api-deployment-run-scores",
        lambda cast: _run_url(cast, "api-deployment:run-neighbourhoods"),
        police(200, 403, anonymous=403, ada=200),
    ),
    Route(
        "api-deployment-layer",
        lambda cast: reverse("api-deployment:layer-lsoas") + "?force=testshire",
        everyone(200, anonymous=403, nobody=403),
    ),
    Route(
        "api-deployment-points",
        lambda cast: reverse("api-deployment:layer-points") + "?force=testshire&layer=priorities",
        everyone(200, anonymous=403, nobody=403),
    ),
    # queries (issue 16): the public contact pages, the team's queue and a query (in Ashfield, not passed to
    # Pat's organisation), the measures, erasure, the POST-only actions and the API.
    Route("queries-contact", lambda cast: reverse("queries:contact", args=[cast.ashfield.pk]), everyone(200)),
    Route("queries-sent", lambda cast: confirmation_url(_query(cast)), everyone(200)),
    Route("queries-review", lambda cast: review_path(_query(cast)), everyone(200)),
    Route("queries-queue", lambda cast: reverse("queries:queue"), police(200, 403, pat=200, ada=200)),
    Route("queries-detail", lambda cast: reverse("queries:detail", args=[_query(cast).pk]), police(200, 404, ada=200)),
    Route("queries-measures", lambda cast: reverse("queries:measures"), police(200, 403, ada=200)),
    Route("queries-erasure", lambda cast: reverse("queries:erasure"), everyone(403, anonymous=LOGIN, ian=200, ada=200)),
    *[
        Route(f"queries-{name}", _query_action(name), everyone(405, anonymous=LOGIN))
        for name in ("acknowledge", "reply", "reassign", "refer", "concern", "link", "close")
    ],
    # queries, continued: the oversight panel and the named officers a sergeant keeps (issue 16).
    Route(
        "queries-oversight",
        lambda cast: reverse("queries:oversight"),
        everyone(403, anonymous=LOGIN, sam=200, ian=200, ada=200),
    ),
    Route(
        "queries-officers", lambda cast: reverse("queries:officers", args=[cast.ashfield.pk]), police(200, 403, ada=200)
    ),
    Route(
        "queries-officers-elsewhere",
        lambda cast: reverse("queries:officers", args=[cast.elsewhere.pk]),
        police(404, 403, ada=200),
    ),
    Route(
        "queries-officer-add",
        lambda cast: reverse("queries:officer-add", args=[cast.ashfield.pk]),
        everyone(403, anonymous=LOGIN, sam=200, ada=200),
    ),
    Route(
        "queries-officer-edit",
        lambda cast: reverse("queries:officer-edit", args=[_named_officer(cast).pk]),
        everyone(403, anonymous=LOGIN, sam=200, ada=200),
    ),
    *[
        Route(
            f"queries-officer-{name}",
            lambda cast, name=name: reverse(f"queries:officer-{name}", args=[_named_officer(cast).pk]),
            everyone(405, anonymous=LOGIN),
        )
        for name in ("remove", "move")
    ],
    Route(
        "api-queries-people",
        lambda cast: reverse("api-queries:neighbourhood-people", args=[cast.ashfield.pk]),
        everyone(200),
    ),
    Route("api-queries", lambda cast: reverse("api-queries:query-list"), everyone(200, anonymous=403, nobody=403)),
    Route(
        "api-query",
        lambda cast: reverse("api-queries:query-detail", args=[_query(cast).pk]),
        police(200, 404, anonymous=403, ada=200, nobody=403),
    ),
    Route(
        "api-query-measures",
        lambda cast: reverse("api-queries:query-measures"),
        police(200, 403, anonymous=403, ada=200),
    ),
    # priorities and engagement events (issue 9). Partners read public and partner tiers; editing follows the
    # neighbourhood's edit scope (olivia's own, sam's and ana's team's, ada everything); nobody has no scope (404).
    Route("events", lambda cast: reverse("events:list"), everyone(200, anonymous=LOGIN, nobody=403)),
    Route("events-ical", lambda cast: reverse("events:ical"), everyone(200, anonymous=LOGIN, nobody=403)),
    Route("event-create", lambda cast: reverse("events:create", args=[cast.ashfield.pk]), _editors()),
    Route(
        "event-public",
        lambda cast: reverse("events:detail", args=[_event(cast, 0).pk]),
        police(200, 404, pat=200, ada=200),
    ),
    Route(
        "event-police-only", lambda cast: reverse("events:detail", args=[_event(cast, 2).pk]), police(200, 404, ada=200)
    ),
    Route("event-edit", lambda cast: reverse("events:edit", args=[_event(cast, 0).pk]), _editors()),
    Route(
        "concern-add",
        lambda cast: reverse("events:concern-add", args=[_event(cast, 0).pk]),
        everyone(405, anonymous=LOGIN),
    ),
    # performance framework (issue 15): sergeants, inspectors, analysts and administrators; never partners.
    Route("performance", lambda cast: reverse("performance:index"), _performance()),
    Route("performance-measures", lambda cast: reverse("performance:definitions"), _performance()),
    Route("performance-force", lambda cast: reverse("performance:force", args=[cast.force.pk]), _performance()),
    Route("performance-force-csv", lambda cast: reverse("performance:force-csv", args=[cast.force.pk]), _performance()),
    Route(
        "performance-other-force",
        lambda cast: reverse("performance:force", args=[cast.other_force.pk]),
        _performance(sam=404, ian=404, ana=404),
    ),
    Route("performance-team", lambda cast: reverse("performance:team", args=[_team(cast).pk]), _performance()),
    Route(
        "performance-neighbourhood",
        lambda cast: reverse("performance:neighbourhood", args=[cast.ashfield.pk]),
        _performance(),
    ),
    Route(
        "performance-thresholds",
        lambda cast: reverse("performance:thresholds", args=[cast.force.pk]),
        _performance(),
    ),
    Route(
        "performance-threshold-edit",
        lambda cast: reverse("performance:threshold-edit", args=[cast.force.pk, "named_officer"]),
        _performance(sam=403, ana=403),
    ),
    # Officer-level figures: the officer, their sergeant and inspectors (and administrators); never analysts.
    Route(
        "performance-officer",
        lambda cast: reverse("performance:officer", args=[cast.olivia.pk]),
        police(403, 403, olivia=200, sam=200, ian=200, ada=200),
    ),
    Route(
        "performance-officer-other",
        lambda cast: reverse("performance:officer", args=[cast.ian.pk]),
        police(403, 403, ian=200, ada=200),
    ),
    Route("performance-assessments", lambda cast: reverse("performance:assessment-list"), _performance()),
    Route("performance-assessment-start", lambda cast: reverse("performance:assessment-start"), _performance(ana=403)),
    Route("performance-assessment", _assessment_url("assessment-detail"), _performance()),
    Route("performance-assessment-print", _assessment_url("assessment-print"), _performance()),
    Route("performance-assessment-csv", _assessment_url("assessment-csv"), _performance()),
    Route("performance-assessment-edit", _assessment_url("assessment-edit"), _performance(ian=403, ana=403)),
    Route("performance-assessment-sign-off", _assessment_url("assessment-sign-off"), everyone(405, anonymous=LOGIN)),
    Route(
        "performance-assessment-compare",
        lambda cast: reverse("performance:assessment-compare", args=[_assessment(cast).pk, _assessment(cast).pk]),
        _performance(),
    ),
    # --- eng (issue 9, second half): the KIN (police only: it names people) and the plan's gap check.
    Route(
        "engagement-kin",
        lambda cast: reverse("engagement:kin", args=[cast.ashfield.pk]),
        police(200, 403, ada=200, nobody=404),
    ),
    Route(
        "engagement-kin-round",
        lambda cast: reverse("engagement:kin-round", args=[cast.ashfield.pk]),
        everyone(405, anonymous=LOGIN),
    ),
    Route(
        "engagement-plan",
        lambda cast: reverse("engagement:plan", args=[cast.ashfield.pk]),
        everyone(200, anonymous=LOGIN, nobody=404),
    ),
    # --- eng (issue 9, third part): settings, the tactical KIN, survey runs and votes, the KIN and plan APIs.
    Route(
        "priority-settings",
        lambda cast: reverse("priorities:settings", args=[cast.ashfield.pk]),
        everyone(200, anonymous=LOGIN, nobody=404),
    ),
    Route("priority-votes", lambda cast: reverse("priorities:votes", args=[_survey_run(cast).pk]), _editors()),
    Route(
        "engagement-kin-link",
        lambda cast: reverse("engagement:kin-link", args=[cast.ashfield.pk]),
        everyone(405, anonymous=LOGIN),
    ),
    Route(
        "engagement-kin-disband",
        lambda cast: reverse("engagement:kin-disband", args=[cast.ashfield.pk, _priority(cast, 0).pk]),
        everyone(405, anonymous=LOGIN),
    ),
    Route(
        "engagement-surveys",
        lambda cast: reverse("engagement:surveys", args=[cast.ashfield.pk]),
        everyone(200, anonymous=LOGIN, nobody=404),
    ),
    Route(
        "engagement-survey",
        lambda cast: reverse("engagement:survey", args=[_survey_run(cast).pk]),
        everyone(200, anonymous=LOGIN, nobody=404),
    ),
    Route(
        "engagement-survey-question",
        lambda cast: reverse("engagement:survey-question", args=[_survey_run(cast).pk]),
        everyone(405, anonymous=LOGIN),
    ),
    Route(
        "api-kin",
        lambda cast: reverse("api-engagement:kin-list"),
        police(200, 403, anonymous=403, ada=200),
    ),
    Route(
        "api-kin-member",
        lambda cast: reverse("api-engagement:kin-detail", args=[_kin_member(cast).pk]),
        police(200, 403, anonymous=403, ada=200),
    ),
    # issue 12: events and profiles in the internal API; outside scope or above the reader's tier is a 404.
    Route("api-events", lambda cast: reverse("api-engagement:event-list"), everyone(200, anonymous=403, nobody=403)),
    Route(
        "api-event-public",
        lambda cast: reverse("api-engagement:event-detail", args=[_event(cast, 0).pk]),
        police(200, 404, anonymous=403, pat=200, ada=200, nobody=403),
    ),
    Route(
        "api-event-police-only",
        lambda cast: reverse("api-engagement:event-detail", args=[_event(cast, 2).pk]),
        police(200, 404, anonymous=403, ada=200, nobody=403),
    ),
    Route("api-profiles", lambda cast: reverse("api-profiles:profile-list"), everyone(200, anonymous=403, nobody=403)),
    Route(
        "api-profile",
        lambda cast: reverse("api-profiles:profile-detail", args=[cast.ashfield.pk]),
        police(200, 404, anonymous=403, pat=200, ada=200, nobody=403),
    ),
    Route(
        "api-profile-elsewhere",
        lambda cast: reverse("api-profiles:profile-detail", args=[cast.elsewhere.pk]),
        everyone(404, anonymous=403, ada=200, nobody=403),
    ),
    Route(
        "api-engagement-plan",
        lambda cast: reverse("api-engagement:plan-detail", args=[cast.ashfield.pk]),
        everyone(200, anonymous=403, nobody=403),
    ),
    Route(
        "engagement-planned-add",
        lambda cast: reverse("engagement:planned-add", args=[cast.ashfield.pk]),
        everyone(405, anonymous=LOGIN),
    ),
    Route(
        "engagement-planned-done",
        lambda cast: reverse("engagement:planned-done", args=[1]),
        everyone(405, anonymous=LOGIN),
    ),
    Route(
        "engagement-mechanism-add",
        lambda cast: reverse("engagement:mechanism-add", args=[cast.ashfield.pk]),
        everyone(405, anonymous=LOGIN),
    ),
    # A police-tier mechanism: partners cannot find it (404); only officers, sergeants and admins may change it.
    Route(
        "engagement-mechanism-edit",
        lambda cast: reverse("engagement:mechanism-edit", args=[_mechanism(cast).pk]),
        police(200, 404, ian=403, ana=403, ada=200),
    ),
    # --- end eng
    Route("priorities", lambda cast: reverse("priorities:index"), everyone(200, anonymous=LOGIN, nobody=403)),
    Route(
        "priorities-csv", lambda cast: reverse("priorities:register-csv"), everyone(200, anonymous=LOGIN, nobody=403)
    ),
    Route(
        "priorities-board",
        lambda cast: reverse("priorities:board"),
        everyone(403, anonymous=LOGIN, sam=200, ana=200, ada=200),
    ),
    Route("priority-create", lambda cast: reverse("priorities:create", args=[cast.ashfield.pk]), _editors()),
    Route(
        "priority-promote",
        lambda cast: reverse("priorities:promote", args=[_concern(cast).pk]),
        everyone(405, anonymous=LOGIN),
    ),
    Route(
        "priority-public",
        lambda cast: reverse("priorities:detail", args=[_priority(cast, 0).pk]),
        police(200, 404, pat=200, ada=200),
    ),
    Route(
        "priority-police-only",
        lambda cast: reverse("priorities:detail", args=[_priority(cast, 2).pk]),
        police(200, 404, ada=200),
    ),
    Route(
        "priority-elsewhere",
        lambda cast: reverse("priorities:detail", args=[_priority(cast, 0, "elsewhere").pk]),
        everyone(404, anonymous=LOGIN, ada=200),
    ),
    Route("priority-edit", lambda cast: reverse("priorities:edit", args=[_priority(cast, 0).pk]), _editors()),
    Route("priority-close", lambda cast: reverse("priorities:close", args=[_priority(cast, 0).pk]), _editors()),
    *[
        Route(
            f"priority-{name}",
            lambda cast, name=name: reverse(f"priorities:{name}", args=[_priority(cast, 0).pk]),
            everyone(405, anonymous=LOGIN),
        )
        for name in ("activate", "update", "review")
    ],
    Route(
        "public-page", lambda cast: reverse("public:neighbourhood", args=["testshire", cast.ashfield.pk]), everyone(200)
    ),
    Route(
        "public-ical",
        lambda cast: reverse("public:neighbourhood-ical", args=["testshire", cast.ashfield.pk]),
        everyone(200),
    ),
    Route(
        "api-priorities", lambda cast: reverse("api-priorities:priority-list"), everyone(200, anonymous=403, nobody=403)
    ),
    Route(
        "api-priority",
        lambda cast: reverse("api-priorities:priority-detail", args=[_priority(cast, 0).pk]),
        police(200, 404, anonymous=403, pat=200, ada=200, nobody=403),
    ),
    Route(
        "api-priority-police-only",
        lambda cast: reverse("api-priorities:priority-detail", args=[_priority(cast, 2).pk]),
        police(200, 404, anonymous=403, ada=200, nobody=403),
    ),
    *PLAN_ROUTES,
    # portal (issue 12): the police.uk-compatible API needs no sign-in and answers everyone alike.
    Route("policeuk-forces", lambda cast: reverse("policeuk:forces"), everyone(200)),
    Route("policeuk-schema", lambda cast: reverse("policeuk:schema"), everyone(200)),
    Route("policeuk-docs", lambda cast: reverse("policeuk:docs"), everyone(200)),
    Route(
        "policeuk-neighbourhood",
        lambda cast: reverse("policeuk:neighbourhood", args=["testshire", "ASH"]),
        everyone(200),
    ),
    Route(
        "policeuk-priorities",
        lambda cast: reverse("policeuk:priorities", args=["testshire", "ASH"]),
        everyone(200),
    ),
    Route(
        "policeuk-unknown", lambda cast: reverse("policeuk:neighbourhood", args=["testshire", "NOPE"]), everyone(404)
    ),
    Route("policeuk-locate-bad", lambda cast: reverse("policeuk:locate") + "?q=abc", everyone(400)),
    # The partner portal: the Partner role only (others 403); areas outside the organisation's are 404.
    Route("partners", lambda cast: reverse("partners:index"), everyone(403, anonymous=LOGIN, pat=200)),
    Route(
        "partners-ashfield",
        lambda cast: reverse("partners:neighbourhood", args=[cast.ashfield.pk]),
        everyone(403, anonymous=LOGIN, pat=200),
    ),
    Route(
        "partners-brookside",
        lambda cast: reverse("partners:neighbourhood", args=[cast.brookside.pk]),
        everyone(403, anonymous=LOGIN, pat=404),
    ),
    *[
        Route(
            f"partners-{what}-csv",
            lambda cast, what=what: reverse(f"partners:{what}-csv", args=[cast.ashfield.pk]),
            everyone(403, anonymous=LOGIN, pat=200),
        )
        for what in ("priorities", "events", "crime", "lsoa-crime")
    ],
    Route(
        "partners-print",
        lambda cast: reverse("partners:print", args=[cast.ashfield.pk]),
        everyone(403, anonymous=LOGIN, pat=200),
    ),
    # END portal
    # impact (issue 13): police read their force's studies; sergeants and up create and run them.
    Route("impact-list", lambda cast: reverse("impact:list"), police(200, 403, ada=200)),
    Route("impact-create", lambda cast: reverse("impact:create"), police(200, 403, olivia=403, ada=200)),
    Route("impact-study", lambda cast: _impact_url(cast, "testshire"), police(200, 403, ada=200)),
    Route("impact-study-other-force", lambda cast: _impact_url(cast, "otherton"), police(404, 403, ada=200)),
    Route(
        "impact-evaluate",
        lambda cast: _impact_url(cast, "testshire", "impact:evaluate"),
        everyone(405, anonymous=LOGIN),
    ),
]


def _impact_url(cast: Any, force: str, name: str = "impact:study") -> str:
    """An impact study of FORCE (made on first use)."""
    import datetime as dt

    from impact.models import ImpactStudy

    study, _ = ImpactStudy.objects.get_or_create(
        force=cast.force if force == "testshire" else cast.elsewhere.force,
        name=f"{force} study",
        defaults={
            "treated": ["ASH"],
            "before_start": dt.date(2024, 1, 1),
            "before_end": dt.date(2024, 6, 1),
            "after_start": dt.date(2024, 7, 1),
            "after_end": dt.date(2024, 12, 1),
            "outcomes": ["all-crime"],
        },
    )
    return reverse(name, args=[study.pk])


def _run_url(cast: Any, name: str) -> str:
    """A succeeded run of the cast's force by the agreed method (made on first use)."""
    from deployment.models import ScoreRun, ScoringMethod

    method = ScoringMethod.objects.filter(status="agreed").first()
    run, _ = ScoreRun.objects.get_or_create(
        scope="testshire",
        vintage=2011,
        defaults={"method": method, "force": cast.force, "edition": 2019, "status": "succeeded"},
    )
    return reverse(name, args=[run.pk])


CASES = [pytest.param(route, user, id=f"{route.name}-{user}") for route in ROUTES for user in USERS]


@pytest.fixture
def matrix_cast(cast: Any) -> Any:
    # An administrator account is staff, as the demo creates it; the factory leaves that to the test.
    cast.ada.is_staff = True
    cast.ada.save(update_fields=["is_staff"])
    cast.job = Job.objects.create(kind="import_test")
    cast.lsoa = LSOAFactory()
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=cast.lsoa, weight=1, method="spatial")
    cast.orphan = LSOAFactory()
    return cast


@pytest.mark.parametrize(("route", "user"), CASES)
def test_it_gives_each_role_the_expected_answer(client: Any, matrix_cast: Any, route: Route, user: str) -> None:
    if user != "anonymous":
        client.force_login(getattr(matrix_cast, user))
    url = route.url(matrix_cast)
    response = client.get(url)
    expected = route.expected[user]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == expected, f"{user} {url}: {response.status_code}, expected {expected}"


def test_it_covers_every_user_on_every_route() -> None:
    for route in ROUTES:
        assert set(route.expected) == set(USERS), route.name
