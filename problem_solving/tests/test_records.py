"""Actions edited and done, the record of activity, review dates, the performance tallies, closing the priority
with the plan, and the print view."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from priorities.tests.factories import ActivePriorityFactory
from problem_solving import services
from problem_solving.models import Plan, PlanAction, PlanActivity, PlanReview
from problem_solving.selectors import performance_tallies
from problem_solving.tests.factories import complete, make_plan, submitted

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _action_form(action: PlanAction, **changes: str) -> dict[str, str]:
    form = {
        "version": str(action.version),
        "kind": action.kind,
        "description": action.description,
        "owner_name": action.owner_name,
        "owner_type": action.owner_type,
        "due_on_day": str(action.due_on.day),
        "due_on_month": str(action.due_on.month),
        "due_on_year": str(action.due_on.year),
        "status": action.status,
        "notes": action.notes,
        "intelligence_urn": "",
    }
    return form | changes


def test_an_action_is_edited_and_a_concurrent_edit_is_a_409_that_overwrites_nothing(client, cast):
    plan = complete(make_plan(neighbourhood=cast.ashfield, actor=cast.olivia))
    action = plan.actions.get()
    url = reverse("problem_solving:action-edit", args=[plan.pk, action.pk])
    client.force_login(cast.olivia)
    first = _action_form(action, description="Mend the fence gap and add a gate")
    second = _action_form(action, notes="Parks say next week")  # opened at the same version
    assert client.post(url, first).status_code == 302
    clash = client.post(url, second)
    body = clash.content.decode()
    assert clash.status_code == 409
    assert "govuk-error-summary" in body
    assert "Somebody else changed this action" in body
    stored = PlanAction.objects.get(pk=action.pk)
    assert (stored.description, stored.notes) == ("Mend the fence gap and add a gate", "")
    # Saving again from the conflict page (it now carries the current version) keeps the second edit.
    again = _action_form(stored, description=stored.description, notes="Parks say next week")
    assert client.post(url, again).status_code == 302
    assert PlanAction.objects.get(pk=action.pk).notes == "Parks say next week"
    missing = client.post(url, _action_form(stored, owner_name="", version=str(stored.version + 1)))
    assert missing.status_code == 400
    assert "govuk-error-summary" in missing.content.decode()
    assert client.get(reverse("problem_solving:action-edit", args=[plan.pk, 99999999])).status_code == 404


def test_marking_an_action_done_records_when_and_reopening_clears_it(client, cast):
    plan = complete(make_plan(neighbourhood=cast.ashfield, actor=cast.olivia))
    action = plan.actions.get()
    client.force_login(cast.olivia)
    done = reverse("problem_solving:action-done", args=[plan.pk, action.pk])
    assert client.get(done).status_code == 405  # GET never writes
    assert client.post(done, {"version": action.version}).status_code == 302
    stored = PlanAction.objects.get(pk=action.pk)
    assert stored.status == PlanAction.Status.DONE
    assert stored.completed_at is not None
    assert stored.done_on_time is True
    assert stored.history.first().history_change_reason == "Marked done"
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.PLAN_ACTION_UPDATED, target_id=str(plan.pk)).exists()
    assert client.post(done, {"version": action.version}).status_code == 400  # stale: already moved on
    services.plan_update_action(
        action=stored, values={"status": "under_way"}, loaded_version=stored.version, actor=cast.olivia
    )
    assert PlanAction.objects.get(pk=action.pk).completed_at is None


def test_the_record_of_activity_keeps_who_when_and_what(client, cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    client.force_login(cast.olivia)
    url = reverse("problem_solving:activity", args=[plan.pk])
    day = TODAY() - dt.timedelta(days=2)
    form = {"kind": "meeting", "summary": "Joint visit with the parks team", "decisions": "Fence repair agreed"}
    form |= {"occurred_on_day": str(day.day), "occurred_on_month": str(day.month), "occurred_on_year": str(day.year)}
    no_attendees = client.post(url, form)
    assert no_attendees.status_code == 400
    body = no_attendees.content.decode()
    assert "govuk-error-summary" in body
    assert "Say who attended the meeting." in body
    assert client.post(url, form | {"attendees": "PC Olivia; Parks officer <b>Jo</b>"}).status_code == 302
    activity = PlanActivity.objects.get(plan=plan)
    assert (activity.occurred_on, activity.recorded_by, activity.kind) == (day, cast.olivia, "meeting")
    assert activity.history.count() == 1
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.PLAN_ACTIVITY_LOGGED, target_id=str(plan.pk)).exists()
    page = client.get(reverse("problem_solving:detail", args=[plan.pk])).content.decode()
    assert "Joint visit with the parks team" in page
    assert "&lt;b&gt;Jo&lt;/b&gt;" in page  # user text is escaped, never HTML
    future = TODAY() + dt.timedelta(days=3)
    with pytest.raises(ValidationError, match="today or in the past"):
        services.plan_log_activity(plan=plan, kind="activity", occurred_on=future, summary="x", actor=cast.olivia)


def _approved(cast, neighbourhood=None) -> Plan:
    plan = submitted(neighbourhood=neighbourhood or cast.ashfield, actor=cast.olivia)
    return services.plan_approve(plan=plan, loaded_version=plan.version, actor=cast.sam)


def test_actions_on_time_counts_actions_due_in_the_period_done_by_their_due_date(cast):
    today = TODAY()
    plan = _approved(cast)
    PlanAction.objects.filter(plan=plan).delete()

    def action(due: dt.date, status: str = "planned") -> PlanAction:
        made = services.plan_add_action(
            plan=plan,
            values={"kind": "prevention", "description": "x", "owner_name": "Parks", "due_on": due, "status": status},
            actor=cast.olivia,
        )
        return made

    action(today + dt.timedelta(days=2), "done")  # done now, due later: on time
    action(today - dt.timedelta(days=3), "done")  # done now, due three days ago: late
    action(today - dt.timedelta(days=1))  # still open after its due date: not on time
    action(today - dt.timedelta(days=5), "dropped")  # dropped: left out
    action(today - dt.timedelta(days=90), "done")  # due before the period: left out
    draft = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)  # not approved: left out
    services.plan_add_action(
        plan=draft,
        values={"kind": "prevention", "description": "y", "owner_name": "P", "due_on": today, "status": "done"},
        actor=cast.olivia,
    )
    period = SimpleNamespace(start=today - dt.timedelta(days=30), end=today + dt.timedelta(days=5))
    ids = [cast.ashfield.pk, cast.brookside.pk]
    assert performance_tallies(key="actions_on_time", neighbourhood_ids=ids, period=period) == {
        cast.ashfield.pk: (1, 3),
        cast.brookside.pk: (0, 0),
    }


def test_plans_reviewed_counts_reviews_due_in_the_period_held_by_the_due_date(cast):
    today = TODAY()
    late, prompt, missed = _approved(cast), _approved(cast), _approved(cast)
    Plan.objects.filter(pk=late.pk).update(next_review_on=today - dt.timedelta(days=4))
    Plan.objects.filter(pk=prompt.pk).update(next_review_on=today + dt.timedelta(days=1))
    Plan.objects.filter(pk=missed.pk).update(next_review_on=today - dt.timedelta(days=2))
    for plan in (late, prompt):
        services.plan_review(plan=Plan.objects.get(pk=plan.pk), note="Fence mended", actor=cast.sam)
    reviews = {r.plan_id: r for r in PlanReview.objects.all()}
    assert reviews[late.pk].due_on == today - dt.timedelta(days=4)
    assert not reviews[late.pk].on_time
    assert reviews[prompt.pk].on_time
    period = SimpleNamespace(start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=5))
    tallies = performance_tallies(key="plans_reviewed", neighbourhood_ids=[cast.ashfield.pk], period=period)
    # Held on time: prompt. Due in the period: late (held late), prompt, and missed (passed without a review).
    assert tallies == {cast.ashfield.pk: (1, 3)}
    assert Plan.objects.get(pk=late.pk).next_review_on == today + dt.timedelta(days=late.review_days)


def _in_assessment(cast, priority=None) -> Plan:
    plan = submitted(neighbourhood=cast.ashfield, actor=cast.olivia, priority=priority)
    plan = services.plan_approve(plan=plan, loaded_version=plan.version, actor=cast.sam)
    plan = services.plan_start(plan=plan, loaded_version=plan.version, actor=cast.olivia)
    Plan.objects.filter(pk=plan.pk).update(
        implemented_as_planned="Yes", objectives_met="yes", outcome="Bike nuisance down; residents content"
    )
    plan = Plan.objects.get(pk=plan.pk)
    return services.plan_submit_assessment(plan=plan, loaded_version=plan.version, actor=cast.olivia)


def test_closing_the_plan_closes_its_priority_with_the_plans_outcome(client, cast):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    plan = _in_assessment(cast, priority)
    client.force_login(cast.sam)
    url = reverse("problem_solving:close", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "Close the priority as resolved" in page
    form = {"version": plan.version, "justification": "Fence mended, no bikes for 8 weeks", "raisers_satisfied": "yes"}
    no_decider = client.post(url, form | {"close_priority": "resolved", "decided_by": ""})
    assert no_decider.status_code == 400
    assert "Select who decided the priority is closing" in no_decider.content.decode()
    assert client.post(url, form | {"close_priority": "resolved", "decided_by": "forum"}).status_code == 302
    priority.refresh_from_db()
    assert (priority.status, priority.decided_by, priority.raisers_satisfied) == ("resolved", "forum", "yes")
    assert priority.outcome == "Bike nuisance down; residents content"
    assert plan.reference in priority.close_justification
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.CLOSED
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.PRIORITY_CLOSED, target_id=str(priority.pk)).exists()


def test_leaving_the_priority_open_offers_to_close_it_from_the_plan(client, cast):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    plan = _in_assessment(cast, priority)
    client.force_login(cast.sam)
    form = {"version": plan.version, "justification": "Handed to the council", "raisers_satisfied": "partly"}
    assert (
        client.post(reverse("problem_solving:close", args=[plan.pk]), form | {"close_priority": ""}).status_code == 302
    )
    priority.refresh_from_db()
    assert priority.status == "active"
    page = client.get(reverse("problem_solving:detail", args=[plan.pk])).content.decode()
    assert reverse("priorities:close", args=[priority.pk]) in page


def test_the_print_view_holds_the_whole_plan_with_print_css(client, cast):
    plan = complete(make_plan(neighbourhood=cast.ashfield, actor=cast.olivia))
    services.plan_log_activity(
        plan=plan, kind="activity", occurred_on=TODAY(), summary="Leaflet drop on Mill Lane", actor=cast.olivia
    )
    client.force_login(cast.owen)
    body = client.get(reverse("problem_solving:print", args=[plan.pk])).content.decode()
    assert "plan-print.css" in body
    for text in (plan.reference, "CHEERS check", "Problem analysis triangle", "Mend the fence gap", "Data evidence"):
        assert text in body
    assert "Leaflet drop on Mill Lane" in body
    assert "9. Closure" in body
    client.force_login(cast.pat)  # a partner: no plan permission and a police-tier plan
    assert client.get(reverse("problem_solving:print", args=[plan.pk])).status_code == 404
