"""Issue 9: one survey model. Profile category 7 and its trend read engagement's SurveyResult rows, not copies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.tiers import Tier
from engagement.models import HEADLINE_QUESTION, SurveyResult
from profiles.selectors import profile_for
from profiles.services import profile_ensure
from profiles.tests.factories import SurveyResultFactory

pytestmark = pytest.mark.django_db


def test_category_7_and_its_trend_read_the_engagement_rows(cast):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=None)
    older = SurveyResultFactory(profile=profile, surveyed_on=dt.date(2024, 3, 31), value=Decimal("52.0"))
    newer = SurveyResultFactory(profile=profile, surveyed_on=dt.date(2025, 3, 31), value=Decimal("58.5"))
    police_only = SurveyResultFactory(profile=profile, is_headline=False, question="Police-only Q", tier=Tier.POLICE)

    view = profile_for(Tier.POLICE, cast.ashfield).category("satisfaction")
    assert {s.pk for s in view.items["surveys"]} == {older.pk, newer.pk, police_only.pk}
    assert all(isinstance(s, SurveyResult) for s in view.items["surveys"])
    (headline,) = [t for t in view.trends if t.question == HEADLINE_QUESTION]
    assert [r.value for r in headline.results] == [Decimal("52.0"), Decimal("58.5")]

    # Change the record in engagement: the profile shows the change (same row, no copy).
    SurveyResult.objects.filter(pk=newer.pk).update(value=Decimal("60.0"))
    view = profile_for(Tier.PUBLIC, cast.ashfield).category("satisfaction")
    assert Decimal("60.0") in [s.value for s in view.items["surveys"]]
    assert police_only.pk not in {s.pk for s in view.items["surveys"]}
