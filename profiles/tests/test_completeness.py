"""Completeness per category and overall, the same on the profile page and on the index."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tiers import Tier
from geography.models import Neighbourhood
from profiles.completeness import Level, levels
from profiles.dashboard import index_rows
from profiles.models import HousingItem, InfrastructurePoint, KeyContact
from profiles.selectors import facts_from_view, profile_for
from profiles.services import section_update
from profiles.tests.factories import (
    CommunityGroupFactory,
    DemographicSourceFactory,
    HousingItemFactory,
    InfrastructurePointFactory,
    KeyContactFactory,
    LanguageSpokenFactory,
    SurveyResultFactory,
)

pytestmark = pytest.mark.django_db


def _levels(neighbourhood):
    return {cv.number: cv.level for cv in profile_for(Tier.POLICE, neighbourhood).categories}


def test_it_calls_a_new_profile_empty(ashfield_profile, cast):
    view = profile_for(Tier.POLICE, cast.ashfield)
    assert set(_levels(cast.ashfield).values()) == {Level.EMPTY}
    assert view.percentage == 0


def test_it_marks_categories_partial_then_complete(ashfield_profile, cast):
    profile = ashfield_profile
    HousingItemFactory(profile=profile, kind=HousingItem.Kind.LA_STOCK)
    InfrastructurePointFactory(profile=profile, kind=InfrastructurePoint.Kind.FAITH, subtype="Church")
    assert _levels(cast.ashfield)[3] == Level.PARTIAL
    assert _levels(cast.ashfield)[4] == Level.PARTIAL
    HousingItemFactory(profile=profile, kind=HousingItem.Kind.HA_STOCK)
    HousingItemFactory(profile=profile, kind=HousingItem.Kind.NASS, count=0)  # a recorded 0 counts
    InfrastructurePointFactory(profile=profile, kind=InfrastructurePoint.Kind.RETAIL)
    InfrastructurePointFactory(profile=profile, kind=InfrastructurePoint.Kind.TRANSPORT, subtype="Bus stop")
    for kind in (KeyContact.Kind.COUNCILLOR, KeyContact.Kind.NHW, KeyContact.Kind.PARTNER):
        KeyContactFactory(profile=profile, kind=kind)
    by_category = _levels(cast.ashfield)
    assert (by_category[3], by_category[4], by_category[5]) == (Level.COMPLETE,) * 3


def test_it_needs_a_recent_headline_result_and_a_trend(ashfield_profile, cast):
    today = timezone.localdate()
    SurveyResultFactory(profile=ashfield_profile, surveyed_on=today - dt.timedelta(days=400))
    assert _levels(cast.ashfield)[7] == Level.PARTIAL
    SurveyResultFactory(profile=ashfield_profile, surveyed_on=today - dt.timedelta(days=30))
    assert _levels(cast.ashfield)[7] == Level.COMPLETE


def test_it_never_calls_priorities_complete_before_the_priorities_app_has_any(ashfield_profile, cast):
    assert _levels(cast.ashfield)[6] == Level.EMPTY


def test_it_counts_the_same_on_the_index_as_on_the_profile(ashfield_profile, cast):
    profile = ashfield_profile
    section_update(
        section=profile.context,
        values={
            "boundary_agreement": "PACT",
            "boundary_agreed_on": dt.date(2025, 1, 1),
            "streets": "A",
            "households": 10,
        },
        loaded_version=1,
        by=cast.olivia,
    )
    section_update(section=profile.overview, values={"age_profile": "Young"}, loaded_version=1, by=cast.olivia)
    DemographicSourceFactory(profile=profile)
    HousingItemFactory(profile=profile)
    InfrastructurePointFactory(profile=profile)
    KeyContactFactory(profile=profile, tier=Tier.POLICE)
    SurveyResultFactory(profile=profile)
    LanguageSpokenFactory(profile=profile)
    CommunityGroupFactory(profile=profile, tier=Tier.POLICE)
    today = timezone.localdate()
    view = profile_for(Tier.POLICE, cast.ashfield)
    (row,) = index_rows(Neighbourhood.objects.filter(pk=cast.ashfield.pk), with_completeness=True)
    assert row.levels == levels(facts_from_view(view), today=today)
    assert row.percentage == view.percentage
    assert row.levels[1] == Level.COMPLETE


def test_it_shows_completeness_to_police_only(ashfield_profile, cast, client):
    client.force_login(cast.sam)
    assert "Complete" in client.get(reverse("profiles:index")).content.decode()
    client.force_login(cast.pat)
    page = client.get(reverse("profiles:index") + "?scope=all").content.decode()
    assert "Ashfield" in page
    assert "Review due" not in page
