"""Model and service tests, category by category."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from core.tiers import Tier
from engagement.models import HEADLINE_QUESTION, REGISTER_MODELS, CommunityGroup, KeyContact, SurveyResult
from profiles.categories import CATEGORIES, category_of
from profiles.models import (
    ITEM_MODELS,
    CategoryKey,
    DemographicSource,
    HousingItem,
    InfrastructurePoint,
    LanguageSpoken,
    NeighbourhoodProfile,
)
from profiles.selectors import profile_for
from profiles.services import item_create, item_delete, item_update, profile_ensure, section_update

pytestmark = pytest.mark.django_db


def test_it_starts_a_profile_with_all_eight_sections_once(cast):
    first = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    again = profile_ensure(neighbourhood=cast.ashfield, by=cast.owen)
    assert first.pk == again.pk
    assert NeighbourhoodProfile.objects.count() == 1
    for category in CATEGORIES:
        section = first.section(category.key)
        assert section.tier == Tier.PUBLIC
        assert section.restricted_tier == Tier.POLICE
        assert section.version == 1
    assert AuditEvent.objects.filter(verb="profile.started").count() == 1


def test_it_records_the_contextual_map_section(ashfield_profile, cast):
    section = ashfield_profile.section(CategoryKey.CONTEXT)
    values = {
        "boundary_agreement": "Agreed with the council at the March PACT",
        "boundary_agreed_on": dt.date(2025, 3, 4),
        "streets": "High Street, Mill Lane",
        "households": 2140,
        "open_spaces": "Ashfield Park",
    }
    section_update(section=section, values=values, loaded_version=1, by=cast.olivia)
    section.refresh_from_db()
    assert section.version == 2
    assert section.households == 2140
    assert section.updated_by == cast.olivia
    assert section.history.first().history_user == cast.olivia


def test_it_rejects_notes_shared_wider_than_their_section(ashfield_profile, cast):
    section = ashfield_profile.section(CategoryKey.OVERVIEW)
    with pytest.raises(ValidationError, match="notes cannot be shown more widely"):
        section_update(
            section=section,
            values={"tier": Tier.POLICE, "restricted_tier": Tier.PUBLIC},
            loaded_version=1,
            by=cast.olivia,
        )


def test_it_adds_a_mosaic_class_with_source_date_and_cadence(ashfield_profile, cast):
    values = {
        "kind": DemographicSource.Kind.MOSAIC,
        "name": "Mosaic group",
        "value": "Urban cohesion",
        "source": "Experian",
        "as_at": dt.date(2024, 1, 1),
        "cadence": "annual",
    }
    item = item_create(profile=ashfield_profile, model=DemographicSource, values=values, by=cast.olivia)
    assert item.version == 1
    assert item.tier == Tier.PUBLIC
    with pytest.raises(ValidationError):
        item_create(profile=ashfield_profile, model=DemographicSource, values={**values, "cadence": ""}, by=cast.olivia)


def test_it_keeps_an_unknown_housing_count_as_missing_not_zero(ashfield_profile, cast):
    values = {"kind": HousingItem.Kind.NASS, "count": None, "source": "Home Office", "as_at": dt.date(2024, 6, 1)}
    item = item_create(profile=ashfield_profile, model=HousingItem, values=values, by=cast.olivia)
    item.refresh_from_db()
    assert item.count is None
    (housing,) = [c for c in profile_for(Tier.PUBLIC, cast.ashfield).as_dict()["categories"] if c["slug"] == "housing"]
    assert housing["items"]["housing"][0]["count"] is None


def test_it_records_a_faith_location_with_denomination_and_languages(ashfield_profile, cast):
    values = {
        "kind": InfrastructurePoint.Kind.FAITH,
        "subtype": "Mosque",
        "name": "Ashfield Mosque",
        "address": "2 Mill Lane, AS1 1AA",
        "location": Point(-1.59, 53.705, srid=4326),
        "denomination": "Sunni Muslim",
        "languages": "Urdu, Arabic, English",
    }
    item_create(profile=ashfield_profile, model=InfrastructurePoint, values=values, by=cast.olivia)
    stored = InfrastructurePoint.objects.get(profile=ashfield_profile, name="Ashfield Mosque")
    assert stored.location.srid == 4326
    assert stored.location.coords == pytest.approx((-1.59, 53.705))
    assert (stored.kind, stored.denomination, stored.languages) == ("faith", "Sunni Muslim", "Urdu, Arabic, English")
    (shown,) = profile_for(Tier.PUBLIC, cast.ashfield).parts.items_of(InfrastructurePoint)
    assert (shown.pk, shown.denomination) == (stored.pk, "Sunni Muslim")


def test_it_refuses_a_denomination_on_a_non_faith_location(ashfield_profile, cast):
    values = {
        "kind": InfrastructurePoint.Kind.RETAIL,
        "subtype": "Shop",
        "name": "Corner shop",
        "location": Point(-1.59, 53.705, srid=4326),
        "denomination": "Anglican",
    }
    with pytest.raises(ValidationError, match="faith locations only"):
        item_create(profile=ashfield_profile, model=InfrastructurePoint, values=values, by=cast.olivia)


def test_it_keeps_a_contacts_personal_details_police_only_without_consent(ashfield_profile, cast):
    values = {
        "kind": KeyContact.Kind.COUNCILLOR,
        "role": "Ward councillor",
        "name": "Cllr Jones",
        "email": "j@example.org",
    }
    contact = item_create(profile=ashfield_profile, model=KeyContact, values=values, by=cast.olivia)
    assert contact.tier == Tier.PARTNER
    assert contact.restricted_tier == Tier.POLICE
    with pytest.raises(ValidationError, match="consent"):
        item_update(item=contact, values={"restricted_tier": Tier.PARTNER}, loaded_version=1, by=cast.olivia)


def test_it_needs_the_date_consent_was_recorded(ashfield_profile, cast):
    values = {"kind": KeyContact.Kind.NHW, "role": "Coordinator", "consent_to_share": True}
    with pytest.raises(ValidationError, match="date consent was recorded"):
        item_create(profile=ashfield_profile, model=KeyContact, values=values, by=cast.olivia)


def test_it_files_every_section_and_item_model_under_its_own_category():
    assert [category.key for category in CATEGORIES] == sorted(CategoryKey)  # each key once, in the guide's order
    assert [category.number for category in CATEGORIES] == list(range(1, 9))
    for category in CATEGORIES:
        for kind in category.items:
            assert kind.model.CATEGORY == category.key
            assert category_of(kind.model) is category
    assert {kind.model for c in CATEGORIES for kind in c.items} == set(ITEM_MODELS) | set(REGISTER_MODELS)


def test_it_has_no_field_for_a_date_of_birth_or_home_address(cast):
    names = {field.name for field in KeyContact._meta.get_fields()}
    assert not names & {"date_of_birth", "dob", "home_address", "address"}


def test_it_fills_in_the_headline_question(ashfield_profile, cast):
    values = {
        "measure": SurveyResult.Measure.CONFIDENCE,
        "is_headline": True,
        "surveyed_on": dt.date(2025, 3, 31),
        "sample_size": 312,
        "value": Decimal("48.5"),
        "source": SurveyResult.Source.CSEW,
    }
    result = item_create(profile=ashfield_profile, model=SurveyResult, values=values, by=cast.olivia)
    assert result.question == HEADLINE_QUESTION
    with pytest.raises(ValidationError):
        item_create(
            profile=ashfield_profile, model=SurveyResult, values={**values, "value": Decimal("101")}, by=cast.olivia
        )
    with pytest.raises(ValidationError, match="Enter the question"):
        item_create(
            profile=ashfield_profile, model=SurveyResult, values={**values, "is_headline": False}, by=cast.olivia
        )


def test_it_shows_a_trend_with_the_change_since_the_previous_result(ashfield_profile, cast):
    base = {"measure": "confidence", "is_headline": True, "source": "force", "sample_size": 100}
    for day, value in [(dt.date(2024, 3, 31), "50.0"), (dt.date(2025, 3, 31), "56.5"), (dt.date(2024, 9, 30), "52.0")]:
        item_create(
            profile=ashfield_profile,
            model=SurveyResult,
            values={**base, "surveyed_on": day, "value": Decimal(value)},
            by=cast.olivia,
        )
    (trend,) = profile_for(Tier.PUBLIC, ashfield_profile.neighbourhood).category("satisfaction").trends
    assert [r.value for r in trend.results] == [Decimal("50.0"), Decimal("52.0"), Decimal("56.5")]
    assert trend.change == Decimal("4.5")
    assert len(trend.polyline.split()) == 3


def test_it_keeps_languages_apart_from_nationality(ashfield_profile, cast):
    """Guide 12852: a group's countries of origin never fill in its languages, nor the profile's language list."""
    item_create(
        profile=ashfield_profile,
        model=LanguageSpoken,
        values={"language": "Tigrinya", "source": "Language Line"},
        by=cast.olivia,
    )
    item_create(
        profile=ashfield_profile,
        model=CommunityGroup,
        values={"kind": "new_emerging", "name": "Eritrean community", "countries_of_origin": "Eritrea, Sudan"},
        by=cast.olivia,
    )
    stored = CommunityGroup.objects.get(profile=ashfield_profile)
    assert (stored.countries_of_origin, stored.languages) == ("Eritrea, Sudan", "")
    assert (stored.tier, stored.to_engage) == (Tier.PARTNER, True)  # the defaults for a group
    parts = profile_for(Tier.PARTNER, cast.ashfield).parts
    assert [language.language for language in parts.items_of(LanguageSpoken)] == ["Tigrinya"]
    assert [(group.name, group.languages) for group in parts.items_of(CommunityGroup)] == [("Eritrean community", "")]


def test_it_removes_an_item_and_history_keeps_who(ashfield_profile, cast):
    item = item_create(
        profile=ashfield_profile,
        model=LanguageSpoken,
        values={"language": "Polish", "source": "Census"},
        by=cast.olivia,
    )
    item_delete(item=item, loaded_version=1, by=cast.owen)
    assert not LanguageSpoken.objects.exists()
    removal = LanguageSpoken.history.filter(history_type="-").get()
    assert removal.history_user == cast.owen


def test_no_code_reaches_a_category_by_its_place_in_a_list():
    """Issue 7 §6: categories are named by ``CategoryKey`` (or slug), never by position."""
    positional = re.compile(
        r"\b(CATEGORIES|categories|views)\s*\[\s*\d+\s*\]|\.CATEGORY\s*-\s*1|\[\"categories\"\]\s*\[\s*\d"
    )
    root = Path(__file__).resolve().parents[1]
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if positional.search(line) and "positional = re.compile" not in line
    ]
    assert found == []
