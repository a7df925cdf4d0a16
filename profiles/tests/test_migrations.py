"""ADR 0005: the eight section tables, with their history, become one ProfileSection table, and back.

Rows are made with the models as they were at ``0001_initial`` (eight section models), the migrations run
forward for real (``MigrationExecutor``), and the current models and the as-at reader are checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.tiers import Tier
from profiles.models import CategoryKey, ProfileSection
from profiles.selectors import profile_for
from profiles.services import profile_ensure

BEFORE = ("profiles", "0001_initial")
LONDON = ZoneInfo("Europe/London")
JAN, FEB, MAR = (dt.datetime(2025, month, 10, 9, tzinfo=LONDON) for month in (1, 2, 3))


def _latest() -> list[tuple[str, str]]:
    # Every app's leaves: engagement's register migrations depend on profiles' (issue 9), so going back unapplies them.
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate profiles to TARGETS and return the apps of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def at_0001(transactional_db: None) -> Iterator[Any]:
    """The old (eight-table) schema for the test; the latest schema again afterwards, whatever happened."""
    try:
        yield _migrate([BEFORE])
    finally:
        _migrate(_latest())


def _history(apps: Any, name: str, row: Any, when: dt.datetime, kind: str, user: Any, **values: Any) -> None:
    model = apps.get_model("profiles", f"Historical{name}")
    fields = {"id": row.pk, "profile_id": row.profile_id, "version": row.version, "tier": row.tier}
    fields.update(restricted_tier=row.restricted_tier, notes=row.notes, updated_by_id=row.updated_by_id)
    fields.update(values)
    model.objects.create(**fields, history_date=when, history_type=kind, history_user_id=user.pk if user else None)


def _old_profile(apps: Any, cast: Any) -> Any:
    """Ashfield's profile in the old schema: the contextual map changed twice, an overview, a housing section,
    and the history of a demographic section whose profile has since been deleted. The section ids collide
    across tables (each table counted its own), as they did on a real database."""
    profile = apps.get_model("profiles", "NeighbourhoodProfile").objects.create(neighbourhood_id=cast.ashfield.pk)
    apps.get_model("profiles", "HistoricalNeighbourhoodProfile").objects.create(
        id=profile.pk, neighbourhood_id=cast.ashfield.pk, created_at=JAN, history_date=JAN, history_type="+"
    )
    context = apps.get_model("profiles", "ContextSection").objects.create(
        id=7, profile=profile, streets="New Street", households=2140, version=3, updated_by_id=cast.owen.pk
    )
    _history(apps, "ContextSection", context, JAN, "+", cast.olivia, streets="", version=1)
    _history(apps, "ContextSection", context, FEB, "~", cast.olivia, streets="Old Street", version=2)
    _history(apps, "ContextSection", context, MAR, "~", cast.owen, streets="New Street", households=2140)
    overview = apps.get_model("profiles", "OverviewSection").objects.create(
        id=7, profile=profile, age_profile="Young", source="Census 2021", as_at=dt.date(2021, 3, 21), tier=Tier.PARTNER
    )
    _history(apps, "OverviewSection", overview, JAN, "+", cast.olivia, age_profile="Young", source="Census 2021")
    housing = apps.get_model("profiles", "HousingSection").objects.create(id=2, profile=profile, notes="Police note")
    _history(apps, "HousingSection", housing, JAN, "+", None)
    apps.get_model("profiles", "HistoricalDemographicSection").objects.create(
        id=40, profile_id=999_999, version=1, tier=0, restricted_tier=2, notes="", history_date=JAN, history_type="-"
    )
    return profile


def test_it_copies_every_section_and_its_history_into_one_table(at_0001, cast):
    _old_profile(at_0001, cast)

    _migrate(_latest())

    sections = {CategoryKey(s.category): s for s in ProfileSection.objects.filter(profile__neighbourhood=cast.ashfield)}
    assert set(sections) == {CategoryKey.CONTEXT, CategoryKey.OVERVIEW, CategoryKey.HOUSING}
    context, overview, housing = (
        sections[CategoryKey.CONTEXT],
        sections[CategoryKey.OVERVIEW],
        sections[CategoryKey.HOUSING],
    )
    assert (context.streets, context.households, context.version, context.updated_by) == (
        "New Street",
        2140,
        3,
        cast.owen,
    )
    assert (overview.age_profile, overview.source, overview.as_at, overview.tier) == (
        "Young",
        "Census 2021",
        dt.date(2021, 3, 21),
        Tier.PARTNER,
    )
    assert housing.notes == "Police note"
    assert len({context.pk, overview.pk, housing.pk}) == 3  # the old tables' colliding ids got new ones

    records = list(ProfileSection.history.filter(id=context.pk).order_by("history_date"))
    assert [(r.history_type, r.streets, r.history_user) for r in records] == [
        ("+", "", cast.olivia),
        ("~", "Old Street", cast.olivia),
        ("~", "New Street", cast.owen),
    ]
    assert [r.history_date for r in records] == [JAN, FEB, MAR]
    assert {r.category for r in records} == {CategoryKey.CONTEXT}
    assert ProfileSection.history.get(id=overview.pk).age_profile == "Young"

    # The orphan's history is kept under an id no live row has, and new rows are numbered after all of them.
    orphan = ProfileSection.history.get(profile_id=999_999)
    assert orphan.category == CategoryKey.DEMOGRAPHIC
    assert orphan.id not in {context.pk, overview.pk, housing.pk}
    profile_ensure(neighbourhood=cast.ashfield)  # adds the five missing categories
    added = ProfileSection.objects.exclude(pk__in=[context.pk, overview.pk, housing.pk])
    assert added.count() == 5
    assert min(added.values_list("pk", flat=True)) > max(orphan.id, context.pk, overview.pk, housing.pk)

    # The as-at view reads the copied history.
    def streets(when: dt.datetime) -> str:
        section = profile_for(Tier.POLICE, cast.ashfield, as_of=when).category("context").section
        return section.streets if section is not None else "none"

    assert [streets(JAN), streets(FEB), streets(MAR)] == ["", "Old Street", "New Street"]


def test_the_way_back_restores_the_eight_tables(at_0001, cast):
    _old_profile(at_0001, cast)
    _migrate(_latest())

    apps = _migrate([BEFORE])

    context = apps.get_model("profiles", "ContextSection").objects.get(profile__neighbourhood_id=cast.ashfield.pk)
    assert (context.streets, context.version) == ("New Street", 3)
    history = apps.get_model("profiles", "HistoricalContextSection").objects.filter(id=context.pk)
    assert sorted(history.values_list("streets", flat=True)) == ["", "New Street", "Old Street"]
    overview = apps.get_model("profiles", "OverviewSection").objects.get(profile__neighbourhood_id=cast.ashfield.pk)
    assert overview.age_profile == "Young"
    assert apps.get_model("profiles", "HistoricalDemographicSection").objects.filter(profile_id=999_999).count() == 1
