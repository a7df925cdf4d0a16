"""Issue 9: axe on the pages this part adds (priority settings, the KIN with its priority link and disband
prompt, survey runs, a run's results and votes, the plan with planned engagement), in Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from core.tiers import Tier
from engagement.models import CommunityGroup, SurveyResult, SurveyRun
from priorities.models import Priority, SurveyVote
from priorities.tests.factories import ActivePriorityFactory, PriorityFactory
from profiles.services import profile_ensure
from profiles.tests.factories import KeyContactFactory
from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(cast: Any) -> list[str]:
    profile = profile_ensure(neighbourhood=cast.ashfield, by=None)
    CommunityGroup.objects.create(profile=profile, kind="new_emerging", name="Polish community")
    open_priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    closed = ActivePriorityFactory(neighbourhood=cast.ashfield, title="Graffiti on the canal bridge underpass")
    Priority.objects.filter(pk=closed.pk).update(
        status="resolved",
        closed_on="2026-04-01",
        close_justification="Cleaned",
        decided_by="forum",
        raisers_satisfied="yes",
    )
    member = KeyContactFactory(profile=profile, name="Tactical", kin_type="tactical", consents_to_contact=True)
    member.kin_priority_id = closed.pk
    member.save()
    KeyContactFactory(profile=profile, name="Tactical 2", kin_type="tactical", consents_to_contact=True)
    run = SurveyRun.objects.create(
        neighbourhood=cast.ashfield,
        title="Residents survey",
        purpose="both",
        source="local",
        starts_on="2026-03-01",
        ends_on="2026-03-31",
        responses=240,
        tier=Tier.PUBLIC,
    )
    SurveyResult.objects.create(
        profile=profile,
        run=run,
        measure="confidence",
        is_headline=True,
        surveyed_on="2026-03-31",
        sample_size=232,
        value="56.5",
        source="local",
        agreed=131,
        answered=232,
    )
    candidate = PriorityFactory(neighbourhood=cast.ashfield)
    SurveyVote.objects.create(run=run, priority=candidate, votes=150)
    pk = cast.ashfield.pk
    return [
        f"/priorities/settings/{pk}/",
        f"/engagement/kin/{pk}/",
        f"/priorities/{open_priority.pk}/",
        f"/engagement/surveys/{pk}/",
        f"/engagement/surveys/run/{run.pk}/",
        f"/priorities/votes/{run.pk}/",
        f"/engagement/plan/{pk}/",
    ]


def test_the_new_engagement_pages_pass_axe(pages: list[str], page: Any) -> None:
    login(page, "sam")
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        assert_accessible(page)


def test_a_settings_error_is_announced_and_linked_to_its_field(pages: list[str], page: Any) -> None:
    login(page, "sam")
    page.goto(pages[0])
    page.get_by_label("Months between reviews").fill("13")
    page.get_by_role("button", name="Save the settings").click()
    summary = page.locator(".govuk-error-summary")
    assert "Months between reviews must be 12 or less" in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") == "review_months"
