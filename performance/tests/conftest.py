"""A scene for the measures: Testshire's three neighbourhoods (Ashfield and Brookside in Sam's team, Cottam in
none) with records of every kind, and the period January to March 2026 seen on 10 April 2026.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache

from accounts.grants import grant
from crime.models import Crime, CrimeRelease
from engagement.models import KeyContact, SurveyResult
from performance.compute import Period
from priorities.models import Priority, PriorityReview
from priorities.tests.factories import ActivePriorityFactory, EventFactory, PriorityFactory, UpdateFactory
from profiles.models import NeighbourhoodProfile
from queries.models import NamedOfficer, Query
from queries.services import query_submit
from tests.browser.conftest import browser  # noqa: F401  (the Chromium fixture for test_browser_journey.py)

PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
NOW = dt.datetime(2026, 4, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _empty_rate_limits() -> Any:
    cache.clear()  # the public query form's rate limit lives in the cache
    yield
    cache.clear()


@pytest.fixture
def perf_grants(cast: Any) -> Any:
    """Transactional tests flush the groups' permissions; put the performance grants back."""
    grant(django_apps, import_module("performance.migrations.0002_role_permissions").GRANTS)
    return cast


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def add_query(neighbourhood: Any, received: dt.datetime, answered_after: dt.timedelta | None) -> Query:
    query = query_submit(
        neighbourhood=neighbourhood,
        topic=Query.Topic.ASB,
        message="Motorbikes on the playing field.",
        reply_by=Query.ReplyBy.EMAIL,
        sender_email="rita@example.com",
        consent_contact=True,
    )
    first = received + answered_after if answered_after is not None else None
    Query.objects.filter(pk=query.pk).update(
        received_at=received, due_at=received + dt.timedelta(hours=72), first_response_at=first
    )
    return query


def add_crimes(neighbourhood: Any, month: dt.date, category: str, n: int) -> None:
    for _ in range(n):
        Crime.objects.create(
            key=uuid.uuid4(),
            month=month,
            reported_by="Testshire Police",
            falls_within="Testshire Police",
            category=category,
            neighbourhood=neighbourhood,
        )


def add_releases(months: list[dt.date]) -> None:
    for month in months:
        CrimeRelease.objects.create(
            force="testshire",
            month=month,
            source_file=f"{month:%Y-%m}.csv",
            sha256=month.isoformat(),
            rows=10,
            records=10,
        )


def add_survey(profile: Any, on: dt.date, sample: int | None, value: str, question: str = "") -> SurveyResult:
    return SurveyResult.objects.create(
        profile=profile,
        measure=SurveyResult.Measure.OTHER if question else SurveyResult.Measure.CONFIDENCE,
        is_headline=not question,
        question=question,
        surveyed_on=on,
        sample_size=sample,
        value=Decimal(value),
        source=SurveyResult.Source.FORCE,
    )


def add_contact(profile: Any, kin_type: str, last: dt.date) -> KeyContact:
    return KeyContact.objects.create(
        profile=profile,
        kind=KeyContact.Kind.KIN if kin_type else KeyContact.Kind.RESIDENTS,
        role="Chair",
        kin_type=kin_type,
        last_contacted_on=last,
    )


@dataclass
class Scene:
    cast: Any
    expected: dict[str, dict[str, tuple[float, float | None] | None]]  # measure -> area -> (num, den) or missing


@pytest.fixture
def scene(cast: Any) -> Scene:
    ash, brk = cast.ashfield, cast.brookside
    NamedOfficer.objects.create(neighbourhood=ash, user=cast.olivia, name="Olivia Officer", rank="PC", role="Beat")
    ash_profile = NeighbourhoodProfile.objects.create(neighbourhood=ash, last_reviewed_at=NOW - dt.timedelta(days=30))
    brk_profile = NeighbourhoodProfile.objects.create(neighbourhood=brk, last_reviewed_at=NOW - dt.timedelta(days=400))
    # Surveys: Ashfield's headline in January (100 at 40%) then March (200 at 55%: the latest), a "seen or heard"
    # result (50 at 30%) and one before the period; Brookside's headline has no sample size (cannot be weighted).
    add_survey(ash_profile, dt.date(2026, 1, 15), 100, "40.0")
    add_survey(ash_profile, dt.date(2026, 3, 10), 200, "55.0")
    add_survey(ash_profile, dt.date(2026, 2, 1), 50, "30.0", question="Have you seen or heard what the police do here?")
    add_survey(ash_profile, dt.date(2025, 12, 1), 80, "90.0")
    add_survey(brk_profile, dt.date(2026, 2, 20), None, "70.0")
    # KIN: Ashfield has two members (one contacted a month ago, one 200 days ago) and a contact who is not one;
    # Brookside has a register with no members; Cottam has no profile at all.
    add_contact(ash_profile, "strategic", NOW.date() - dt.timedelta(days=30))
    add_contact(ash_profile, "tactical", NOW.date() - dt.timedelta(days=200))
    add_contact(ash_profile, "", NOW.date() - dt.timedelta(days=1))
    # Ashfield's priorities: fresh and public with an update; reviewed in March (police); stale, no proposer;
    # one closed before the end and one only proposed (neither active on 31 March).
    p1 = ActivePriorityFactory(neighbourhood=ash, activated_on=dt.date(2026, 1, 10), proposed_by="public")
    UpdateFactory(priority=p1, on=dt.date(2026, 2, 1))
    p2 = ActivePriorityFactory(neighbourhood=ash, activated_on=dt.date(2025, 6, 1), proposed_by="police")
    PriorityReview.objects.create(priority=p2, reviewed_on=dt.date(2026, 3, 1), note="Still a problem")
    UpdateFactory(priority=p2, on=dt.date(2025, 12, 1))
    ActivePriorityFactory(neighbourhood=ash, activated_on=dt.date(2025, 5, 1), proposed_by="")
    ActivePriorityFactory(
        neighbourhood=ash,
        activated_on=dt.date(2025, 1, 1),
        status=Priority.Status.RESOLVED,
        closed_on=dt.date(2026, 2, 15),
        close_justification="No reports for two months",
        decided_by="forum",
        raisers_satisfied="yes",
    )
    PriorityFactory(neighbourhood=ash)
    # Events: two in Ashfield (one without attendance), one in Brookside, one in Cottam after the period.
    EventFactory(neighbourhood=ash, kind="pact", starts_at=at(dt.date(2026, 2, 10)), attendance=20)
    EventFactory(neighbourhood=ash, kind="street_briefing", starts_at=at(dt.date(2026, 3, 5)), attendance=None)
    EventFactory(neighbourhood=brk, kind="public_meeting", starts_at=at(dt.date(2026, 1, 20)), attendance=5)
    EventFactory(neighbourhood=cast.cottam, kind="pact", starts_at=at(dt.date(2026, 4, 2)), attendance=50)
    # Queries: Ashfield one answered in 10 hours, one after 100; Cottam one before the period.
    add_query(ash, at(dt.date(2026, 2, 2)), dt.timedelta(hours=10))
    add_query(ash, at(dt.date(2026, 3, 2)), dt.timedelta(hours=100))
    add_query(cast.cottam, at(dt.date(2025, 12, 2)), dt.timedelta(hours=1))
    # Crime: data for October 2025 to March 2026 (both windows).
    add_releases([dt.date(2025, m, 1) for m in (10, 11, 12)] + [dt.date(2026, m, 1) for m in (1, 2, 3)])
    add_crimes(ash, dt.date(2026, 1, 1), "burglary", 4)
    add_crimes(ash, dt.date(2025, 11, 1), "burglary", 2)
    add_crimes(ash, dt.date(2026, 2, 1), "anti-social-behaviour", 3)
    add_crimes(ash, dt.date(2025, 10, 1), "anti-social-behaviour", 1)
    add_crimes(brk, dt.date(2025, 12, 1), "violent-crime", 1)
    # Independent expectations per neighbourhood, counted by hand from the records above.
    expected: dict[str, dict[str, tuple[float, float | None] | None]] = {
        "named_officer": {"ash": (1, 1), "brk": (0, 1), "cot": (0, 1)},
        "profile_review": {"ash": (1, 1), "brk": (0, 1), "cot": None},
        "priorities_up_to_date": {"ash": (2, 3), "brk": None, "cot": None},
        "priorities_by_public": {"ash": (1, 2), "brk": None, "cot": None},
        "you_said_we_did": {"ash": (1, 3), "brk": None, "cot": None},
        "events_held": {"ash": (2, None), "brk": (1, None), "cot": (0, None)},
        "beat_meetings": {"ash": (1, None), "brk": (1, None), "cot": (0, None)},
        "engagement_reach": {"ash": (20, None), "brk": (5, None), "cot": None},
        "queries_72h": {"ash": (1, 2), "brk": None, "cot": None},
        "crime_trend": {"ash": (4, 2), "brk": (0, 1), "cot": (0, 0)},
        "asb_trend": {"ash": (3, 1), "brk": (0, 0), "cot": (0, 0)},
        "survey_responses": {"ash": (350, None), "brk": None, "cot": None},
        "confidence": {"ash": (110, 200), "brk": None, "cot": None},
        "seen_or_heard": {"ash": (15, 50), "brk": None, "cot": None},
        "kin_size": {"ash": (2, None), "brk": (0, None), "cot": None},
        "kin_contact": {"ash": (1, 2), "brk": None, "cot": None},
    }
    return Scene(cast, expected)
