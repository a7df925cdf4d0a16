"""The performance journey in Chromium with axe on every page (issue 15): a sergeant drafts a self-assessment with
evidence links; the inspector opens the force dashboard, drills down to the team and a neighbourhood, sets a
threshold, and signs the assessment off; the print view says it is signed off."""

from __future__ import annotations

from typing import Any

import pytest

from performance.checklist import QUESTIONS
from performance.models import SelfAssessment
from queries.models import NamedOfficer
from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEAM = "Ashfield and Brookside NPT"


def _sergeant_drafts(page: Any) -> SelfAssessment:
    login(page, "sam")
    page.goto("/performance/assessments/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a self-assessment").click()
    page.get_by_label("Team").select_option(label=TEAM)
    for prefix, (day, month, year) in {"period_start": ("1", "1", "2026"), "period_end": ("31", "3", "2026")}.items():
        page.fill(f"input[name='{prefix}_day']", day)
        page.fill(f"input[name='{prefix}_month']", month)
        page.fill(f"input[name='{prefix}_year']", year)
    page.get_by_role("button", name="Start the draft").click()
    assert page.get_by_role("heading", level=1).is_visible()
    assert_accessible(page)
    first = QUESTIONS[0].key
    page.check(f"input[name='{first}-rating'][value='amber']")
    page.fill(f"textarea[name='{first}-commentary']", "Named officers published for two of three areas.")
    page.fill(f"textarea[name='{first}-evidence']", "/queries/\n/performance/")
    page.get_by_role("button", name="Save the assessment").click()
    assert page.get_by_text("Self-assessment saved.").is_visible()
    assert page.get_by_role("link", name="/queries/").is_visible()  # the evidence link
    assert_accessible(page)
    return SelfAssessment.objects.get()


def test_sergeant_drafts_inspector_drills_down_and_signs_off(cast: Any, browser: Any, live_server: Any) -> None:
    NamedOfficer.objects.create(
        neighbourhood=cast.ashfield, user=cast.olivia, name="Olivia Officer", rank="PC", role="Beat"
    )
    sergeant = browser.new_context(base_url=live_server.url).new_page()
    assessment = _sergeant_drafts(sergeant)
    assert not sergeant.get_by_role("button", name="Sign off the assessment").count()  # not their own

    page = browser.new_context(base_url=live_server.url).new_page()
    page.set_default_timeout(15_000)
    login(page, "ian")
    page.goto("/performance/")
    assert page.get_by_role("heading", level=1).inner_text() == "Performance framework"
    assert_accessible(page)
    page.get_by_role("link", name="Testshire Police").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Testshire Police"
    assert page.locator("[data-measure='named_officer']").first.inner_text().startswith("33% (1 of 3)")
    assert_accessible(page)
    # Set a threshold: the force page then rates the figure in words.
    page.get_by_role("link", name="The force's thresholds").click()
    assert_accessible(page)
    page.get_by_role("link", name="Set the threshold for Named, contactable officer published").click()
    page.get_by_label("Higher is better").check()
    page.get_by_label("Green from").fill("90")
    page.get_by_label("Amber from").fill("60")
    page.get_by_role("button", name="Save the threshold").click()
    assert page.get_by_text("green at 90% or more, amber at 60% or more").first.is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to Testshire Police").click()
    assert page.locator("[data-status='named_officer']").first.inner_text().startswith("Red: misses the target")
    # Drill down: the team, then one of its neighbourhoods.
    page.get_by_role("link", name=TEAM).click()
    assert page.get_by_role("heading", level=1).inner_text() == TEAM
    assert page.locator("[data-measure='named_officer']").first.inner_text().startswith("50% (1 of 2)")
    assert_accessible(page)
    page.get_by_role("link", name="Ashfield").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ashfield"
    assert page.locator("[data-status='named_officer']").first.inner_text().startswith("Green: meets the target")
    assert_accessible(page)
    # Sign off the sergeant's draft.
    page.goto(f"/performance/assessments/{assessment.pk}/")
    assert page.get_by_text("Named officers published for two of three areas.").is_visible()
    assert_accessible(page)
    page.get_by_label("Inspector's note").fill("Agreed.")
    page.get_by_role("button", name="Sign off the assessment").click()
    assert page.get_by_text("Self-assessment signed off.").is_visible()
    assessment.refresh_from_db()
    assert assessment.is_signed_off
    assert assessment.signed_off_by == cast.ian
    page.get_by_role("link", name="Print or save as PDF").click()
    # is_visible() does not wait, and the print page (every question and figure) can still be arriving.
    page.locator("[data-status='signed_off']").wait_for(state="visible")
    assert page.locator("[data-status='signed_off']").is_visible()
    assert_accessible(page)
