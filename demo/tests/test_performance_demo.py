"""The demo's performance data (issue 15): loaded once, and the dashboard's figures equal independent counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Team, User
from engagement.models import EngagementEvent, KeyContact
from geography.models import Force, Neighbourhood
from performance.compute import Period, compute
from performance.models import MeasureSnapshot, SelfAssessment, Threshold
from queries.models import NamedOfficer

pytestmark = pytest.mark.django_db

QUARTER = Period(dt.date(2024, 12, 1), dt.date(2025, 2, 28))  # the last whole quarter before 15 March 2025
QUERY = {"months": "3", "ending": "2025-02"}


def test_the_demo_loads_thresholds_trends_and_a_signed_off_assessment(demo_area: str) -> None:
    force = Force.objects.get(slug="demoshire")
    assert Threshold.objects.filter(force=force).count() == 9
    team = Team.objects.get(force=force)
    assessment = SelfAssessment.objects.get(team=team)
    assert assessment.is_signed_off
    assert assessment.drafted_by != assessment.signed_off_by
    assert (assessment.period_start, assessment.period_end) == (dt.date(2024, 9, 1), dt.date(2024, 11, 30))
    stored = MeasureSnapshot.objects.filter(scope="force", scope_id=force.pk, measure="named_officer")
    assert sorted(s.period_end for s in stored) == [dt.date(2024, 8, 31), dt.date(2024, 11, 30), dt.date(2025, 2, 28)]
    assert "1 signed-off self-assessment" in demo_area


def test_the_dashboard_figures_equal_independent_counts(demo_area: str) -> None:
    force = Force.objects.get(slug="demoshire")
    ids = list(Neighbourhood.objects.filter(force=force).values_list("pk", flat=True))
    results = compute(ids, QUARTER)
    named = Neighbourhood.objects.filter(pk__in=ids, named_officers__isnull=False).distinct().count()
    value = results.value("named_officer", ids)
    assert (value.numerator, value.denominator) == (named, len(ids))
    start = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
    end = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    events = EngagementEvent.objects.filter(neighbourhood__in=ids, starts_at__gte=start, starts_at__lt=end)
    assert results.value("events_held", ids).numerator == events.count()
    beat = events.filter(kind__in=["pact", "public_meeting"]).count()
    assert results.value("beat_meetings", ids).numerator == beat
    assert (
        results.value("kin_size", ids).numerator
        == KeyContact.objects.filter(profile__neighbourhood__in=ids).exclude(kin_type="").count()
    )
    assert NamedOfficer.objects.filter(neighbourhood__in=ids).exists()


def test_the_inspector_sees_status_and_trend_on_the_demo_force(demo_area: str, client: Client, settings: Any) -> None:
    force = Force.objects.get(slug="demoshire")
    client.force_login(User.objects.get(username="inspector"))
    body = client.get(reverse("performance:force", args=[force.pk]), QUERY).content.decode()
    assert "No threshold set" in body
    assert any(label in body for label in ("Green: meets the target", "Amber: near the target", "Red: misses"))
    assert "01 Sep 2024 to 30 Nov 2024" in body  # the earlier stored quarter in the trend table
