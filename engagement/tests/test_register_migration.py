"""Issue 9: the profile's contacts, survey results and groups move into engagement's one register, every row kept.

Rows (and their history) are made with the models as they were before the move (profiles 0004, engagement 0003),
the migrations run forward for real (``MigrationExecutor``; django-test-migrations is not installed), and the
current engagement models, the profile's view of them and the way back are checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.tiers import Tier
from engagement.models import CommunityGroup, KeyContact, SurveyResult
from profiles.selectors import profile_for

BEFORE = [("profiles", "0004_drop_old_section_models"), ("engagement", "0003_event_grants")]
JAN = dt.datetime(2025, 1, 10, 9, tzinfo=ZoneInfo("Europe/London"))


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before(transactional_db: None) -> Iterator[Any]:
    try:
        yield _migrate(BEFORE)
    finally:
        _migrate(_latest())


def _old_rows(apps: Any, cast: Any) -> dict[str, Any]:
    profile = apps.get_model("profiles", "NeighbourhoodProfile").objects.create(neighbourhood_id=cast.ashfield.pk)
    contact = apps.get_model("profiles", "KeyContact").objects.create(
        id=41,
        profile=profile,
        kind="councillor",
        role="Ward councillor",
        organisation="Ashfield Council",
        name="Cllr Example",
        email="cllr@example.gov.uk",
        version=2,
        tier=Tier.PARTNER,
        restricted_tier=Tier.POLICE,
    )
    apps.get_model("profiles", "HistoricalKeyContact").objects.create(
        id=41,
        profile_id=profile.pk,
        kind="councillor",
        role="Councillor",
        organisation="Ashfield Council",
        version=1,
        tier=Tier.PARTNER,
        restricted_tier=Tier.POLICE,
        history_date=JAN,
        history_type="+",
        history_user_id=cast.olivia.pk,
    )
    survey = apps.get_model("profiles", "SurveyResult").objects.create(
        id=7,
        profile=profile,
        measure="confidence",
        is_headline=True,
        question="Headline",
        surveyed_on=dt.date(2025, 3, 31),
        sample_size=412,
        value=Decimal("61.5"),
        source="force",
    )
    groups = [
        apps.get_model("profiles", "CommunityGroup").objects.create(
            profile=profile, kind="new_emerging", name=name, tier=Tier.PARTNER
        )
        for name in ("Eritrean community", "Student households")
    ]
    return {"contact": contact, "survey": survey, "groups": groups}


def test_every_contact_survey_and_group_and_their_history_survive_forwards(before, cast):
    old = _old_rows(before, cast)

    _migrate(_latest())

    contact = KeyContact.objects.get(pk=41)
    assert (contact.role, contact.name, contact.email, contact.version, contact.tier) == (
        "Ward councillor",
        "Cllr Example",
        "cllr@example.gov.uk",
        2,
        Tier.PARTNER,
    )
    assert contact.profile.neighbourhood == cast.ashfield
    assert [(r.history_type, r.role, r.history_user) for r in KeyContact.history.filter(id=41)] == [
        ("+", "Councillor", cast.olivia)
    ]
    survey = SurveyResult.objects.get(pk=old["survey"].pk)
    assert (survey.value, survey.sample_size, survey.surveyed_on) == (Decimal("61.5"), 412, dt.date(2025, 3, 31))
    assert sorted(CommunityGroup.objects.values_list("name", flat=True)) == [g.name for g in old["groups"]]

    # The profile reads the same rows (not copies) through engagement's selectors.
    view = profile_for(Tier.POLICE, cast.ashfield)
    assert [c.pk for c in view.category("human").items["contacts"]] == [41]
    assert [s.pk for s in view.category("satisfaction").items["surveys"]] == [survey.pk]
    assert len(view.category("overview").items["groups"]) == 2
    # New rows are numbered after the copied ids (the sequence was reset).
    fresh = CommunityGroup.objects.create(profile=contact.profile, kind="other", name="New")
    assert fresh.pk > max(g.pk for g in old["groups"])


def test_the_way_back_puts_the_rows_in_the_profile_again(before, cast):
    _old_rows(before, cast)
    _migrate(_latest())

    apps = _migrate(BEFORE)

    assert apps.get_model("profiles", "KeyContact").objects.get(pk=41).name == "Cllr Example"
    assert apps.get_model("profiles", "HistoricalKeyContact").objects.filter(id=41).count() == 1
    assert apps.get_model("profiles", "CommunityGroup").objects.count() == 2
    assert apps.get_model("profiles", "SurveyResult").objects.count() == 1
