"""Issue 9 plan: engagement that is not an event (when, where and how, per group) is planned, marked done, and
counted by the gap check like an event aimed at the group."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from core.tiers import Tier
from engagement.models import CommunityGroup, PlannedEngagement
from engagement.plan import gap_check
from profiles.services import profile_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(cast):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=None)
    polish = CommunityGroup.objects.create(profile=profile, kind="new_emerging", name="Polish community")
    carers = CommunityGroup.objects.create(profile=profile, kind="hard_to_reach", name="Young carers")
    return polish, carers


def _plan(client, cast, group, day, **changes):
    values = {
        "group": group.pk,
        "how": "newsletter",
        "where": "Polish Saturday school",
        "when": "Monthly, first Saturday",
        "planned_on_day": str(day.day),
        "planned_on_month": str(day.month),
        "planned_on_year": str(day.year),
        "tier": "2",
        **changes,
    }
    return client.post(reverse("engagement:planned-add", args=[cast.ashfield.pk]), values)


def test_planned_engagement_closes_a_gap_and_once_done_counts_as_engagement(cast, client, groups):
    polish, carers = groups
    assert {row.group.pk for row in gap_check(neighbourhood=cast.ashfield, tier=Tier.POLICE) if row.is_gap} == {
        polish.pk,
        carers.pk,
    }
    client.force_login(cast.olivia)
    next_month = timezone.localdate() + dt.timedelta(days=30)
    assert _plan(client, cast, polish, next_month).status_code == 302
    rows = {row.group.pk: row for row in gap_check(neighbourhood=cast.ashfield, tier=Tier.POLICE)}
    assert not rows[polish.pk].is_gap
    assert rows[carers.pk].is_gap
    assert timezone.localdate(rows[polish.pk].next_planned) == next_month
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.ENGAGEMENT_PLANNED).count() == 1

    # A partner does not see the police-only plan, so for them the group is still a gap.
    assert gap_check(neighbourhood=cast.ashfield, tier=Tier.PARTNER)[0].is_gap

    planned = PlannedEngagement.objects.get()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    prefix = f"done{planned.pk}-done_on"
    response = client.post(
        reverse("engagement:planned-done", args=[planned.pk]),
        {f"{prefix}_day": yesterday.day, f"{prefix}_month": yesterday.month, f"{prefix}_year": yesterday.year},
    )
    assert response.status_code == 302
    row = next(r for r in gap_check(neighbourhood=cast.ashfield, tier=Tier.POLICE) if r.group.pk == polish.pk)
    assert timezone.localdate(row.last_engaged) == yesterday
    assert row.next_planned is None
    page = client.get(reverse("engagement:plan", args=[cast.ashfield.pk])).content.decode()
    assert "Polish Saturday school" in page
    assert "Monthly, first Saturday" in page


def test_bad_input_is_a_govuk_error_and_a_future_done_date_is_refused(cast, client, groups):
    polish, _ = groups
    client.force_login(cast.olivia)
    response = _plan(client, cast, polish, timezone.localdate(), how="carrier pigeon", when="")
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Select how from the list" in body
    assert "Enter when" in body
    _plan(client, cast, polish, timezone.localdate())
    planned = PlannedEngagement.objects.get()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    prefix = f"done{planned.pk}-done_on"
    response = client.post(
        reverse("engagement:planned-done", args=[planned.pk]),
        {f"{prefix}_day": tomorrow.day, f"{prefix}_month": tomorrow.month, f"{prefix}_year": tomorrow.year},
    )
    assert response.status_code == 400
    assert "The date done cannot be in the future" in response.content.decode()
    assert PlannedEngagement.objects.get().done_on is None


def test_partners_cannot_plan(cast, client, groups):
    client.force_login(cast.pat)
    assert _plan(client, cast, groups[0], timezone.localdate()).status_code == 403
    assert not PlannedEngagement.objects.exists()
