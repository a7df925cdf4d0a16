"""Completeness per category and overall, the same on the profile page and on the index."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tiers import Tier
from engagement.models import KeyContact
from geography.models import Neighbourhood
from profiles.categories import BY_KEY
from profiles.completeness import Level, levels
from profiles.dashboard import index_rows
from profiles.models import CategoryKey, HousingItem, InfrastructurePoint
from profiles.selectors import facts_from_view, profile_for
from profiles.services import item_delete, section_update
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
    return {cv.category.key: cv.level for cv in profile_for(Tier.POLICE, neighbourhood).categories}


def test_it_calls_a_new_profile_empty(ashfield_profile, cast):
    view = profile_for(Tier.POLICE, cast.ashfield)
    assert set(_levels(cast.ashfield).values()) == {Level.EMPTY}
    assert view.percentage == 0


def test_it_marks_categories_partial_then_complete(ashfield_profile, cast):
    profile = ashfield_profile
    HousingItemFactory(profile=profile, kind=HousingItem.Kind.LA_STOCK)
    InfrastructurePointFactory(profile=profile, kind=InfrastructurePoint.Kind.FAITH, subtype="Church")
    assert _levels(cast.ashfield)[CategoryKey.HOUSING] == Level.PARTIAL
    assert _levels(cast.ashfield)[CategoryKey.PHYSICAL] == Level.PARTIAL
    HousingItemFactory(profile=profile, kind=HousingItem.Kind.HA_STOCK)
    HousingItemFactory(profile=profile, kind=HousingItem.Kind.NASS, count=0)  # a recorded 0 counts
    InfrastructurePointFactory(profile=profile, kind=InfrastructurePoint.Kind.RETAIL)
    InfrastructurePointFactory(profile=profile, kind=InfrastructurePoint.Kind.TRANSPORT, subtype="Bus stop")
    for kind in (KeyContact.Kind.COUNCILLOR, KeyContact.Kind.NHW, KeyContact.Kind.PARTNER):
        KeyContactFactory(profile=profile, kind=kind)
    by_category = _levels(cast.ashfield)
    assert by_category[CategoryKey.HOUSING] == Level.COMPLETE
    assert by_category[CategoryKey.PHYSICAL] == Level.COMPLETE
    assert by_category[CategoryKey.HUMAN] == Level.COMPLETE


def test_it_needs_a_recent_headline_result_and_a_trend(ashfield_profile, cast):
    today = timezone.localdate()
    SurveyResultFactory(profile=ashfield_profile, surveyed_on=today - dt.timedelta(days=400))
    assert _levels(cast.ashfield)[CategoryKey.SATISFACTION] == Level.PARTIAL
    SurveyResultFactory(profile=ashfield_profile, surveyed_on=today - dt.timedelta(days=30))
    assert _levels(cast.ashfield)[CategoryKey.SATISFACTION] == Level.COMPLETE


def test_it_never_calls_priorities_complete_while_there_are_none(ashfield_profile, cast):
    assert _levels(cast.ashfield)[CategoryKey.PRIORITIES] == Level.EMPTY
    (row,) = index_rows(Neighbourhood.objects.filter(pk=cast.ashfield.pk), with_completeness=True)
    assert row.levels[CategoryKey.PRIORITIES] == Level.EMPTY


@pytest.fixture
def one_current_priority(cast):
    """One active priority in Ashfield, through the priorities app's own records (ADR 0004's selector reads it)."""
    from priorities.tests.factories import ActivePriorityFactory

    return ActivePriorityFactory(neighbourhood=cast.ashfield, title="Speeding on Mill Lane at school times")


def test_it_counts_current_priorities_on_the_index_as_on_the_profile(ashfield_profile, cast, one_current_priority):
    assert _levels(cast.ashfield)[CategoryKey.PRIORITIES] == Level.COMPLETE
    (row,) = index_rows(Neighbourhood.objects.filter(pk=cast.ashfield.pk), with_completeness=True)
    assert row.levels[CategoryKey.PRIORITIES] == Level.COMPLETE
    assert row.percentage == profile_for(Tier.POLICE, cast.ashfield).percentage > 0


def test_it_counts_the_same_on_the_index_as_on_the_profile(ashfield_profile, cast):
    profile = ashfield_profile
    section_update(
        section=profile.section(CategoryKey.CONTEXT),
        values={
            "boundary_agreement": "PACT",
            "boundary_agreed_on": dt.date(2025, 1, 1),
            "streets": "A",
            "households": 10,
        },
        loaded_version=1,
        by=cast.olivia,
    )
    section_update(
        section=profile.section(CategoryKey.OVERVIEW), values={"age_profile": "Young"}, loaded_version=1, by=cast.olivia
    )
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
    assert row.levels[CategoryKey.CONTEXT] == Level.COMPLETE
    assert row.levels[CategoryKey.OVERVIEW] == Level.PARTIAL  # an age profile only


def _index_row(page, neighbourhood):
    row = re.search(rf'<tr class="govuk-table__row" data-neighbourhood="{neighbourhood.pk}">(.*?)</tr>', page, re.S)
    return row.group(1)


def test_it_shows_each_categorys_level_on_the_index_to_police_only(ashfield_profile, cast, client):
    for kind in HousingItem.REQUIRED_KINDS:
        HousingItemFactory(profile=ashfield_profile, kind=kind)
    InfrastructurePointFactory(profile=ashfield_profile, kind=InfrastructurePoint.Kind.FAITH, subtype="Church")
    client.force_login(cast.sam)
    row = _index_row(client.get(reverse("profiles:index")).content.decode(), cast.ashfield)
    shown = dict(re.findall(r'<span class="govuk-visually-hidden">([^<:]+): (\w+)</span>', row))
    expected = {key: Level.EMPTY for key in CategoryKey}
    expected |= {CategoryKey.HOUSING: Level.COMPLETE, CategoryKey.PHYSICAL: Level.PARTIAL}
    assert shown == {BY_KEY[key].title: level.label for key, level in expected.items()}
    percentage = profile_for(Tier.POLICE, cast.ashfield).percentage
    assert percentage == round(100 * 1.5 / 8)  # one complete, one partial, six empty
    assert f">{percentage}%</td>" in row

    client.force_login(cast.pat)
    page = client.get(reverse("profiles:index") + "?scope=all").content.decode()
    row = _index_row(page, cast.ashfield)
    assert "Ashfield" in row
    assert "npt-level" not in row
    assert "%" not in row
    assert "Review due" not in page


def test_it_judges_a_past_profile_by_what_it_held_then(ashfield_profile, cast):
    housing = [HousingItemFactory(profile=ashfield_profile, kind=kind) for kind in sorted(HousingItem.REQUIRED_KINDS)]
    then = timezone.now()
    item_delete(item=housing[0], loaded_version=housing[0].version, by=cast.olivia)
    past = profile_for(Tier.POLICE, cast.ashfield, as_of=then)
    assert past.category(CategoryKey.HOUSING).level == Level.COMPLETE
    assert _levels(cast.ashfield)[CategoryKey.HOUSING] == Level.PARTIAL
