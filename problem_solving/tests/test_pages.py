"""Plan pages, the dashboard, the priority page's #plan section, the API, the partner selector and the job."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.jobs import job_create, job_run
from core.tiers import Tier
from priorities.tests.factories import ActivePriorityFactory
from problem_solving import services
from problem_solving.models import Plan, PlanAction
from problem_solving.selectors import active_priorities_without_plan, plans_by_priority, plans_for_partner
from problem_solving.tests.factories import complete, make_plan, submitted

pytestmark = pytest.mark.django_db


def test_an_officer_starts_a_plan_from_a_priority_and_the_priority_page_links_it(client, cast):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    client.force_login(cast.olivia)
    page = client.get(reverse("priorities:detail", args=[priority.pk]))
    start = reverse("problem_solving:create") + f"?priority={priority.pk}"
    assert start in page.content.decode()
    response = client.post(start, {"title": "Bikes on the field", "owner_name": "Parks department"})
    plan = Plan.objects.get(priority=priority)
    assert response.status_code == 302
    assert response["Location"] == reverse("problem_solving:detail", args=[plan.pk])
    page = client.get(reverse("priorities:detail", args=[priority.pk])).content.decode()
    assert plan.reference in page
    assert start not in page
    # A second start for the same priority goes to the plan, never a second one.
    assert client.get(start)["Location"] == reverse("problem_solving:detail", args=[plan.pk])


def test_the_start_form_names_missing_fields_and_a_bad_priority_is_404(client, cast):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    client.force_login(cast.olivia)
    response = client.post(reverse("problem_solving:create") + f"?priority={priority.pk}", {"title": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Enter plan owner" in body
    assert client.get(reverse("problem_solving:create") + "?priority=abc").status_code == 404
    assert client.get(reverse("problem_solving:create") + "?priority=99999999").status_code == 404
    assert client.get(reverse("problem_solving:create")).status_code == 404


def test_editing_a_stage_saves_and_a_stale_form_is_a_409(client, cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    client.force_login(cast.olivia)
    url = reverse("problem_solving:edit", args=[plan.pk, "scanning"])
    form = {"version": plan.version, "problem_statement": "Bikes on the field", "source": "priority"}
    form |= {"cheers_community": "True", "cheers_community_note": "Many calls", "cheers_harm": "False"}
    assert client.post(url, form).status_code == 302
    stored = Plan.objects.get(pk=plan.pk)
    assert stored.cheers_community is True
    assert stored.cheers_harm is False
    assert stored.cheers_events is None  # not answered stays missing, never "No"
    stale = client.post(url, form | {"problem_statement": "Overwritten"})
    assert stale.status_code == 409
    assert "Somebody else changed this plan" in stale.content.decode()
    assert Plan.objects.get(pk=plan.pk).problem_statement == "Bikes on the field"
    assert client.get(reverse("problem_solving:edit", args=[plan.pk, "nonsense"])).status_code == 404


def test_an_intelligence_action_needs_a_urn_and_it_shows_as_a_reference_only(client, cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    client.force_login(cast.olivia)
    url = reverse("problem_solving:action", args=[plan.pk])
    base = {
        "kind": "intelligence",
        "description": "Submit intelligence on the bike owners",
        "owner_name": "PC Olivia",
        "owner_type": "police",
        "due_on_day": "1",
        "due_on_month": "6",
        "due_on_year": "2026",
        "status": "planned",
    }
    missing = client.post(url, base)
    assert missing.status_code == 400
    assert "Enter the intelligence report URN" in missing.content.decode()
    assert client.post(url, base | {"intelligence_urn": "INT/0042/26"}).status_code == 302
    assert PlanAction.objects.get(plan=plan).intelligence_urn == "INT/0042/26"
    assert (
        "Intelligence report INT/0042/26"
        in client.get(reverse("problem_solving:detail", args=[plan.pk])).content.decode()
    )


def test_submit_with_missing_content_lists_what_is_missing(client, cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    client.force_login(cast.olivia)
    response = client.post(reverse("problem_solving:submit", args=[plan.pk]), {"version": plan.version})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Write the working hypothesis." in body
    assert "Add at least one response action" in body


def test_the_sergeant_returns_then_approves_through_the_pages(client, cast):
    plan = complete(make_plan(neighbourhood=cast.ashfield, actor=cast.olivia))
    client.force_login(cast.olivia)
    assert client.post(reverse("problem_solving:submit", args=[plan.pk]), {"version": plan.version}).status_code == 302
    client.force_login(cast.sam)
    dashboard = client.get(reverse("problem_solving:dashboard")).content.decode()
    assert plan.reference in dashboard
    url = reverse("problem_solving:review", args=[plan.pk])
    version = Plan.objects.get(pk=plan.pk).version
    no_comment = client.post(url, {"version": version, "decision": "return", "comment": ""})
    assert no_comment.status_code == 400
    assert "Enter comments saying what needs to change" in no_comment.content.decode()
    assert (
        client.post(url, {"version": version, "decision": "return", "comment": "Add the guardian"}).status_code == 302
    )
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.RETURNED
    client.force_login(cast.olivia)
    assert "Add the guardian" in client.get(reverse("problem_solving:detail", args=[plan.pk])).content.decode()
    version = Plan.objects.get(pk=plan.pk).version
    assert client.post(reverse("problem_solving:submit", args=[plan.pk]), {"version": version}).status_code == 302
    assert client.get(url).status_code == 403  # the officer cannot review
    client.force_login(cast.sam)
    version = Plan.objects.get(pk=plan.pk).version
    assert client.post(url, {"version": version, "decision": "approve", "comment": ""}).status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.APPROVED


def test_the_dashboard_counts_match_the_data(client, cast):
    today = timezone.localdate()
    waiting = submitted(neighbourhood=cast.ashfield, actor=cast.olivia)
    late = submitted(neighbourhood=cast.brookside, actor=cast.ana)
    late = services.plan_approve(plan=late, loaded_version=late.version, actor=cast.sam)
    Plan.objects.filter(pk=late.pk).update(next_review_on=today - dt.timedelta(days=3))
    PlanAction.objects.filter(plan=late).update(due_on=today - dt.timedelta(days=1))
    without = ActivePriorityFactory(neighbourhood=cast.ashfield)
    ActivePriorityFactory(neighbourhood=cast.cottam)  # not Sam's team
    client.force_login(cast.sam)
    board = client.get(reverse("problem_solving:dashboard")).context["board"]
    assert board.awaiting_review == [waiting]
    assert board.reviews_overdue == [Plan.objects.get(pk=late.pk)]
    assert [a.plan_id for a in board.actions_overdue] == [late.pk]
    assert board.priorities_without_plan == [without]
    counts = {c["name"]: (c["open_plans"], c["awaiting"], c["overdue"]) for c in board.counts}
    assert counts == {"Ashfield": (1, 1, 0), "Brookside": (1, 0, 1)}


def test_the_dashboard_takes_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    for _ in range(4):
        submitted(neighbourhood=cast.ashfield, actor=cast.olivia)
    client.force_login(cast.sam)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("problem_solving:dashboard")).status_code == 200


def test_selectors_for_priorities_and_partners(cast):
    with_plan = ActivePriorityFactory(neighbourhood=cast.ashfield)
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia, priority=with_plan)
    bare = ActivePriorityFactory(neighbourhood=cast.ashfield)
    assert plans_by_priority([with_plan.pk, bare.pk]) == {with_plan.pk: plan}
    assert list(active_priorities_without_plan([cast.ashfield.pk])) == [bare]
    shared = complete(make_plan(neighbourhood=cast.ashfield, actor=cast.olivia, title="Shared plan"))
    PlanAction.objects.create(
        plan=shared,
        kind="intelligence",
        description="Intel",
        owner_name="PC",
        due_on=timezone.localdate(),
        intelligence_urn="INT/1",
    )
    Plan.objects.filter(pk=shared.pk).update(tier=Tier.PARTNER, status=Plan.Status.APPROVED)
    summaries = plans_for_partner(organisation_id=cast.pat.organisation_id)
    assert [s.title for s in summaries] == ["Shared plan"]  # the police-tier plan is left out
    assert [a[0] for a in summaries[0].actions] == ["Prevention"]  # the intelligence action is police-only
    assert not hasattr(summaries[0], "hypothesis")
    assert plans_for_partner(organisation_id=None) == []


def test_the_api_lists_plans_in_scope_and_filters(client, cast):
    mine = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    make_plan(neighbourhood=cast.elsewhere, actor=None)
    client.force_login(cast.olivia)
    rows = client.get(reverse("api-problem-solving:plan-list")).json()
    assert [r["reference"] for r in rows["results"]] == [mine.reference]
    assert client.get(reverse("api-problem-solving:plan-list") + "?status=closed").json()["count"] == 0
    assert client.get(reverse("api-problem-solving:plan-list") + "?status=nonsense").status_code == 400
    client.force_login(cast.pat)
    assert client.get(reverse("api-problem-solving:plan-list")).status_code == 403


def _run_job():
    return job_run(job_create(kind="problem_solving.reviews_due", params={}))


def test_the_reviews_due_job_mails_the_sergeant_once_per_due_review(cast, mailoutbox):
    cast.sam.email = "sam@example.com"
    cast.sam.save()
    plan = submitted(neighbourhood=cast.ashfield, actor=cast.olivia)
    plan = services.plan_approve(plan=plan, loaded_version=plan.version, actor=cast.sam)
    mailoutbox.clear()
    assert _run_job().result == {"plans": 0, "mails": 0}
    Plan.objects.filter(pk=plan.pk).update(next_review_on=timezone.localdate() - dt.timedelta(days=1))
    job = _run_job()
    assert job.result == {"plans": 1, "mails": 1}
    assert mailoutbox[0].to == ["sam@example.com"]
    assert plan.reference in mailoutbox[0].subject
    assert _run_job().result == {"plans": 0, "mails": 0}


def test_the_command_runs_the_same_job(cast):
    from django.core.management import call_command

    from core.models import Job

    call_command("notify_plan_reviews")
    assert Job.objects.filter(kind="problem_solving.reviews_due", status=Job.Status.SUCCEEDED).count() == 1


def test_the_team_board_asks_about_plans_once_whatever_the_number_of_priorities(client, cast):
    """The sergeant's priorities board shows "has a plan" for each row from one query, not one per priority."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def board_queries() -> int:
        client.force_login(cast.sam)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("priorities:board"))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        make_plan(
            neighbourhood=cast.ashfield, actor=cast.olivia, priority=ActivePriorityFactory(neighbourhood=cast.ashfield)
        )
    few = board_queries()
    for _ in range(5):
        make_plan(
            neighbourhood=cast.ashfield, actor=cast.olivia, priority=ActivePriorityFactory(neighbourhood=cast.ashfield)
        )
    ActivePriorityFactory(neighbourhood=cast.ashfield)
    body = client.get(reverse("priorities:board")).content.decode()
    assert body.count("No plan") == 1
    assert board_queries() == few


def test_performance_tallies_count_active_priorities_with_an_approved_plan(cast):
    """The performance framework's "plans approved" share: approved (or later) plans over active priorities."""
    from types import SimpleNamespace

    from problem_solving.selectors import performance_tallies

    approved = ActivePriorityFactory(neighbourhood=cast.ashfield)
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia, priority=approved)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED, approved_at=timezone.now())
    drafted = ActivePriorityFactory(neighbourhood=cast.ashfield)
    make_plan(neighbourhood=cast.ashfield, actor=cast.olivia, priority=drafted)
    ActivePriorityFactory(neighbourhood=cast.ashfield)
    period = SimpleNamespace(start=timezone.localdate() - dt.timedelta(days=30), end=timezone.localdate())
    ids = [cast.ashfield.pk, cast.brookside.pk]
    assert performance_tallies(key="plans_approved", neighbourhood_ids=ids, period=period) == {
        cast.ashfield.pk: (1, 3),
        cast.brookside.pk: (0, 0),
    }
    before = SimpleNamespace(start=period.start, end=timezone.localdate() - dt.timedelta(days=1))
    assert performance_tallies(key="plans_approved", neighbourhood_ids=ids, period=before)[cast.ashfield.pk][0] == 0
    assert performance_tallies(key="no_such_measure", neighbourhood_ids=ids, period=period) is None
