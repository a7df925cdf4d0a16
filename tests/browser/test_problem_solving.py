"""The SARA journey in Chromium (issue 10 "Tests"): an officer writes a plan (CHEERS, PAT, two actions) and
submits it; the sergeant finds it on the dashboard and returns it with a comment; the officer amends and
resubmits; the sergeant approves. axe runs on every page of the journey."""

from __future__ import annotations

from typing import Any

import pytest

from priorities.tests.factories import ActivePriorityFactory
from problem_solving.models import Plan, PlanEvent
from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page: Any, button: str = "Save") -> None:
    page.get_by_role("button", name=button, exact=True).click()
    page.locator("#plan-status").wait_for()


def _add_action(page: Any, plan_url: str, kind: str, description: str, owner: str, owner_type: str) -> None:
    page.goto(plan_url + "actions/")
    assert_accessible(page)
    page.check(f"input[name=kind][value={kind}]")
    page.fill("[name=description]", description)
    page.fill("[name=owner_name]", owner)
    page.check(f"input[name=owner_type][value={owner_type}]")
    page.fill("[name=due_on_day]", "30")
    page.fill("[name=due_on_month]", "6")
    page.fill("[name=due_on_year]", "2027")
    page.check("input[name=status][value=planned]")
    _save(page, "Add the action")


def test_an_officer_writes_a_plan_the_sergeant_returns_it_then_approves_it(
    cast: Any, browser: Any, live_server: Any, page: Any
) -> None:
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield, title="Off-road bikes on Mill Lane field")

    # The officer starts a plan from the priority and writes the minimum content.
    login(page, "olivia")
    page.goto(f"/problem-solving/new/?priority={priority.pk}")
    assert_accessible(page)
    page.fill("[name=owner_name]", "Parks department")
    _save(page, "Start the plan")
    plan = Plan.objects.get(priority=priority)
    plan_url = f"/problem-solving/{plan.pk}/"
    assert_accessible(page)

    page.goto(plan_url + "edit/overview/")
    assert_accessible(page)
    page.fill("[name=objectives]", "Halve bike nuisance on the field within three months")
    page.fill("[name=success_criteria]", "ASB reports about bikes fall from 12 to 6 a month")
    _save(page)

    page.goto(plan_url + "edit/scanning/")
    assert_accessible(page)
    page.fill("[name=problem_statement]", "Off-road motorbikes ridden across the playing field on weekday evenings")
    for test in ("community", "harm", "expectation", "events", "recurring", "similarity"):
        page.check(f"input[name=cheers_{test}][value=True]")
    page.fill("[name=cheers_harm_note]", "Near misses with children")
    _save(page)

    page.goto(plan_url + "edit/analysis/")
    assert_accessible(page)
    page.fill("[name=pat_victim]", "Families and dog walkers")
    page.fill("[name=pat_offender]", "Three local teenagers on unregistered bikes")
    page.fill("[name=pat_location]", "Mill Lane playing field")
    page.fill("[name=hypothesis]", "A gap in the fence lets bikes onto the field")
    _save(page)

    _add_action(page, plan_url, "prevention", "Mend the fence gap", "Parks department", "partner")
    _add_action(page, plan_url, "enforcement", "Section 59 warnings to riders", "PC Olivia", "police")
    assert page.locator("table", has_text="Mend the fence gap").count() == 1
    page.get_by_role("button", name="Submit for review").click()
    assert page.locator("#plan-status").inner_text() == "Submitted for review"
    assert_accessible(page)

    # The sergeant sees it on the dashboard and returns it with a comment.
    sergeant_context = browser.new_context(base_url=live_server.url)
    sergeant = sergeant_context.new_page()
    sergeant.set_default_timeout(15_000)
    try:
        login(sergeant, "sam")
        sergeant.goto("/problem-solving/dashboard/")
        assert_accessible(sergeant)
        # The queue links straight to the review page.
        sergeant.get_by_role("link", name=plan.reference).first.click()
        assert sergeant.get_by_role("heading", level=1).inner_text().startswith("Review:")
        assert_accessible(sergeant)
        sergeant.get_by_label("Return it with comments").check()
        sergeant.get_by_label("Comments", exact=True).fill("Name the guardian and the place manager")
        sergeant.get_by_role("button", name="Record the decision").click()
        assert sergeant.locator("#plan-status").inner_text() == "Returned with comments"
        assert_accessible(sergeant)

        # The officer reads the comment, amends the analysis and resubmits.
        page.goto(plan_url)
        assert "Name the guardian and the place manager" in page.locator(".govuk-notification-banner").inner_text()
        assert_accessible(page)
        page.goto(plan_url + "edit/analysis/")
        page.fill("[name=pat_guardian]", "Dog walkers' group")
        page.fill("[name=pat_manager]", "Council parks team")
        _save(page)
        page.get_by_role("button", name="Submit for review").click()
        assert page.locator("#plan-status").inner_text() == "Submitted for review"

        # The sergeant approves.
        sergeant.goto(plan_url)
        sergeant.get_by_role("link", name="Review this plan").click()
        sergeant.get_by_label("Approve the plan").check()
        sergeant.get_by_role("button", name="Record the decision").click()
        assert sergeant.locator("#plan-status").inner_text() == "Approved"
        assert_accessible(sergeant)
    finally:
        sergeant_context.close()

    plan.refresh_from_db()
    assert (plan.status, plan.approved_by, plan.pat_manager) == ("approved", cast.sam, "Council parks team")
    moves = list(PlanEvent.objects.filter(plan=plan).order_by("at", "pk").values_list("to_status", "by__username"))
    assert moves == [
        ("draft", "olivia"),
        ("submitted", "olivia"),
        ("returned", "sam"),
        ("submitted", "olivia"),
        ("approved", "sam"),
    ]
    assert plan.actions.count() == 2


def test_the_evidence_activity_action_and_print_pages_pass_axe(cast: Any, page: Any) -> None:
    import datetime as dt

    from problem_solving import services
    from problem_solving.tests.factories import complete, make_plan

    plan = complete(make_plan(neighbourhood=cast.ashfield, actor=cast.olivia))
    services.plan_set_evidence(
        plan=plan,
        lsoas=[],
        categories=["burglary"],
        intervention_start=dt.date(2026, 3, 1),
        evidence_months=3,
        loaded_version=plan.version,
        actor=cast.olivia,
    )
    action = plan.actions.get()
    plan_url = f"/problem-solving/{plan.pk}/"
    login(page, "olivia")
    for path in ("evidence/", "activity/", f"actions/{action.pk}/", "print/"):
        page.goto(plan_url + path)
        assert_accessible(page)
    # A meeting without attendees: the error summary names the field, and the page still passes axe.
    page.goto(plan_url + "activity/")
    page.check("input[name=kind][value=meeting]")
    page.fill("[name=occurred_on_day]", "1")
    page.fill("[name=occurred_on_month]", "2")
    page.fill("[name=occurred_on_year]", "2026")
    page.fill("[name=summary]", "Meeting with the parks team")
    page.get_by_role("button", name="Add to the record").click()
    assert "Say who attended the meeting." in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    # Marking the action done from the plan page.
    page.goto(plan_url)
    page.get_by_role("button", name="Mark done").click()
    assert page.locator("table", has_text="Mend the fence gap").inner_text().count("Done") == 1
    assert_accessible(page)
