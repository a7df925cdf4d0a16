"""The plan's state machine, its guards and what each move writes (issue 10 "Sergeant review workflow")."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.locking import EditConflict
from core.models import AuditEvent
from priorities.tests.factories import ActivePriorityFactory
from problem_solving import services
from problem_solving.models import Plan, PlanAction, PlanEvent, force_prefix
from problem_solving.tests.factories import complete, make_plan, submitted

pytestmark = pytest.mark.django_db


def test_references_count_per_force_and_year(cast):
    year = timezone.localdate().year
    first = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    second = make_plan(neighbourhood=cast.brookside, actor=cast.sam)
    other = make_plan(neighbourhood=cast.elsewhere, actor=None)
    prefix = force_prefix(cast.force.slug)
    assert first.reference == f"{prefix}-PS-{year}-0001"
    assert second.reference == f"{prefix}-PS-{year}-0002"
    assert other.reference.endswith(f"-PS-{year}-0001")
    assert force_prefix("west-yorkshire") == "WY"


@pytest.mark.django_db(transaction=True)
def test_references_are_unique_when_plans_start_at_the_same_time(cast):
    barrier = threading.Barrier(4)
    made: list[str] = []
    errors: list[BaseException] = []

    def start() -> None:
        try:
            barrier.wait()
            made.append(make_plan(neighbourhood=cast.ashfield, actor=None).reference)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(made)) == 4


def test_a_priority_has_at_most_one_plan(cast):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia, priority=priority)
    assert priority.plan == plan
    assert plan.problem_statement == priority.problem  # carried over from the priority
    with pytest.raises(ValidationError):
        make_plan(neighbourhood=cast.ashfield, actor=cast.olivia, priority=priority)
    with pytest.raises(ValidationError):
        make_plan(
            neighbourhood=cast.brookside, actor=cast.olivia, priority=ActivePriorityFactory(neighbourhood=cast.ashfield)
        )


def test_submit_needs_the_minimum_content_and_an_action(cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    with pytest.raises(ValidationError) as raised:
        services.plan_submit(plan=plan, loaded_version=plan.version, actor=cast.olivia)
    assert {"objectives", "pat_victim", "hypothesis", "actions"} <= set(raised.value.message_dict)
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_the_full_journey_writes_events_and_audit(cast, django_capture_on_commit_callbacks, mailoutbox):
    cast.sam.email = "sam@example.com"
    cast.sam.save()
    cast.olivia.email = "olivia@example.com"
    cast.olivia.save()
    with django_capture_on_commit_callbacks(execute=True):
        plan = submitted(neighbourhood=cast.ashfield, actor=cast.olivia)
    assert [m.to for m in mailoutbox] == [["sam@example.com"]]
    with django_capture_on_commit_callbacks(execute=True):
        plan = services.plan_return(
            plan=plan, reason="Add the guardian side", loaded_version=plan.version, actor=cast.sam
        )
    assert plan.status == Plan.Status.RETURNED
    assert mailoutbox[-1].to == ["olivia@example.com"]
    plan = services.plan_submit(plan=plan, loaded_version=plan.version, actor=cast.olivia)
    plan = services.plan_approve(plan=plan, loaded_version=plan.version, actor=cast.sam)
    assert plan.status == Plan.Status.APPROVED
    assert plan.approved_by == cast.sam
    assert plan.next_review_on == timezone.localdate() + dt.timedelta(days=28)  # medium risk
    plan = services.plan_start(plan=plan, loaded_version=plan.version, actor=cast.olivia)
    plan = services.plan_review(plan=plan, note="Fence mended; calls down", actor=cast.sam)
    with pytest.raises(ValidationError):
        services.plan_submit_assessment(plan=plan, loaded_version=plan.version, actor=cast.olivia)
    plan = services.plan_update(
        plan=plan,
        stage="assessment",
        values={
            "implemented_as_planned": "Yes",
            "objectives_met": "yes",
            "outcome": "Calls fell",
            "lessons_learned": "",
        },
        loaded_version=plan.version,
        actor=cast.olivia,
    )
    plan = services.plan_submit_assessment(plan=plan, loaded_version=plan.version, actor=cast.olivia)
    with pytest.raises(ValidationError) as raised:
        services.plan_close(
            plan=plan, justification="Done", raisers_satisfied="", loaded_version=plan.version, actor=cast.sam
        )
    assert "raisers_satisfied" in raised.value.message_dict
    plan = services.plan_close(
        plan=plan, justification="Calls halved", raisers_satisfied="yes", loaded_version=plan.version, actor=cast.sam
    )
    assert plan.status == Plan.Status.CLOSED
    moves = list(PlanEvent.objects.filter(plan=plan).order_by("at", "pk").values_list("to_status", flat=True))
    assert moves == [
        "draft",
        "submitted",
        "returned",
        "submitted",
        "approved",
        "in_progress",
        "in_progress",
        "assessment",
        "closed",
    ]
    returned = PlanEvent.objects.get(plan=plan, to_status="returned")
    assert returned.by == cast.sam
    assert returned.comment == "Add the guardian side"
    verbs = set(AuditEvent.objects.filter(target_id=str(plan.pk)).values_list("verb", flat=True))
    assert {"plan.created", "plan.submitted", "plan.returned", "plan.approved", "plan.closed"} <= verbs
    assert plan.history.count() >= 9


def test_nobody_approves_their_own_plan(cast):
    plan = submitted(neighbourhood=cast.ashfield, actor=cast.sam)  # the sergeant wrote it
    with pytest.raises(PermissionDenied, match="your own plan"):
        services.plan_approve(plan=plan, loaded_version=plan.version, actor=cast.sam)
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.SUBMITTED


def test_an_officer_and_a_sergeant_of_another_team_cannot_approve(cast):
    plan = submitted(neighbourhood=cast.ashfield, actor=cast.olivia)
    with pytest.raises(PermissionDenied):
        services.plan_approve(plan=plan, loaded_version=plan.version, actor=cast.owen)  # an officer
    outside = submitted(neighbourhood=cast.cottam, actor=None)  # not in Sam's team
    with pytest.raises(PermissionDenied):
        services.plan_approve(plan=outside, loaded_version=outside.version, actor=cast.sam)


def test_illegal_moves_are_refused(cast):
    plan = complete(make_plan(neighbourhood=cast.ashfield, actor=cast.olivia))
    with pytest.raises(ValidationError, match="submitted plan"):
        services.plan_approve(plan=plan, loaded_version=plan.version, actor=cast.sam)
    with pytest.raises(ValidationError):
        services.plan_start(plan=plan, loaded_version=plan.version, actor=cast.olivia)
    with pytest.raises(ValidationError):
        services.plan_close(
            plan=plan, justification="x", raisers_satisfied="yes", loaded_version=plan.version, actor=cast.sam
        )
    plan = services.plan_submit(plan=plan, loaded_version=plan.version, actor=cast.olivia)
    with pytest.raises(ValidationError) as raised:
        services.plan_return(plan=plan, reason="  ", loaded_version=plan.version, actor=cast.sam)
    assert "reason" in raised.value.message_dict
    with pytest.raises(ValidationError, match="cannot be edited"):
        services.plan_update(
            plan=plan, stage="analysis", values={"hypothesis": "x"}, loaded_version=plan.version, actor=cast.olivia
        )


def test_the_database_refuses_a_closed_plan_without_reasons(cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CLOSED)


def test_a_stale_edit_is_refused(cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    loaded = plan.version
    services.plan_update(
        plan=plan, stage="analysis", values={"hypothesis": "First"}, loaded_version=loaded, actor=cast.olivia
    )
    stale = Plan.objects.get(pk=plan.pk)
    with pytest.raises(EditConflict):
        services.plan_update(
            plan=stale, stage="analysis", values={"hypothesis": "Second"}, loaded_version=loaded, actor=cast.owen
        )
    assert Plan.objects.get(pk=plan.pk).hypothesis == "First"


def test_intelligence_is_a_urn_only_and_cadence_follows_risk(cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    action = services.plan_add_action(
        plan=plan,
        values={
            "kind": "prevention",
            "description": "Leaflets",
            "owner_name": "PCSO Jones",
            "owner_type": "police",
            "due_on": timezone.localdate(),
            "status": "planned",
            "notes": "",
            "intelligence_urn": "01/2345/26",
        },
        actor=cast.olivia,
    )
    assert action.intelligence_urn == ""  # only intelligence actions carry a URN
    assert action.kind == PlanAction.Kind.PREVENTION
    plan.risk_rating = "high"
    assert plan.review_days == 14
    plan.risk_rating = "low"
    assert plan.review_days == 56


def test_review_overdue_flags(cast):
    plan = submitted(neighbourhood=cast.ashfield, actor=cast.olivia)
    plan = services.plan_approve(plan=plan, loaded_version=plan.version, actor=cast.sam)
    today = timezone.localdate()
    assert not plan.review_overdue(today)
    later = plan.next_review_on + dt.timedelta(days=1)
    assert plan.review_overdue(later)
    assert list(Plan.objects.review_overdue(later)) == [plan]
    assert list(Plan.objects.review_overdue(today)) == []
