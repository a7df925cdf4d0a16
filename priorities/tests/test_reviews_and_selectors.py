"""Review-due timing, the profile's category 6 contract (ADR 0004) and the police.uk shape (issue 9)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from core.tiers import Tier
from priorities import services
from priorities.models import Priority, PrioritySettings
from priorities.selectors import board_rows, police_uk_priorities, priorities_for_profile, review_state
from priorities.tests.factories import ActivePriorityFactory, PriorityFactory, UpdateFactory

pytestmark = pytest.mark.django_db

ACTIVATED = dt.date(2026, 3, 10)


def _state(priority, today, months=3):
    return review_state(Priority.objects.get(pk=priority.pk), months=months, today=today)


def test_a_review_falls_due_three_months_after_activation_and_is_then_overdue(cast):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield, activated_on=ACTIVATED)
    assert _state(priority, dt.date(2026, 5, 20)) == (dt.date(2026, 6, 10), False, False)
    assert _state(priority, dt.date(2026, 6, 1)) == (dt.date(2026, 6, 10), False, True)  # due soon
    assert _state(priority, dt.date(2026, 6, 10)) == (dt.date(2026, 6, 10), False, True)  # due today, not overdue
    assert _state(priority, dt.date(2026, 6, 11)) == (dt.date(2026, 6, 10), True, False)


def test_a_review_restarts_the_clock(cast):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield, activated_on=ACTIVATED)
    with time_machine.travel(dt.datetime(2026, 6, 20, 12, tzinfo=dt.UTC)):
        services.priority_review(
            priority=priority, reviewed_on=dt.date(2026, 6, 20), note="Still needed", decision="continue", actor=None
        )
    assert _state(priority, dt.date(2026, 6, 21)) == (dt.date(2026, 9, 20), False, False)


def test_the_review_interval_is_set_per_neighbourhood_and_the_board_flags_overdue(cast):
    PrioritySettings.objects.create(neighbourhood=cast.ashfield, review_months=1)
    monthly = ActivePriorityFactory(neighbourhood=cast.ashfield, activated_on=ACTIVATED)
    quarterly = ActivePriorityFactory(neighbourhood=cast.brookside, activated_on=ACTIVATED)
    proposed = PriorityFactory(neighbourhood=cast.ashfield)
    rows = {row.priority.pk: row for row in board_rows(Priority.objects.all(), today=dt.date(2026, 4, 20))}
    assert (rows[monthly.pk].review_due_on, rows[monthly.pk].overdue) == (dt.date(2026, 4, 10), True)
    assert (rows[quarterly.pk].review_due_on, rows[quarterly.pk].overdue) == (dt.date(2026, 6, 10), False)
    assert (rows[proposed.pk].review_due_on, rows[proposed.pk].overdue) == (None, False)
    assert rows[monthly.pk].has_plan is False


def test_the_profile_reads_current_and_previous_priorities_at_its_tier(cast):
    current = ActivePriorityFactory(neighbourhood=cast.ashfield, title="Speeding on Mill Lane at school times")
    ActivePriorityFactory(neighbourhood=cast.ashfield, tier=Tier.POLICE, title="Drug dealing behind the Co-op flats")
    closed = ActivePriorityFactory(neighbourhood=cast.ashfield, title="Graffiti on the canal bridge underpass")
    services.priority_close(
        priority=closed,
        status="closed_not_resolved",
        justification="Moved to the council's scheme",
        decided_by="joint_group",
        raisers_satisfied="no",
        outcome="The council now cleans it weekly",
        loaded_version=closed.version,
        actor=None,
    )
    PriorityFactory(neighbourhood=cast.ashfield)  # proposed: neither current nor previous
    now, before = priorities_for_profile(neighbourhood=cast.ashfield, tier=Tier.PUBLIC)
    assert [str(p) for p in now] == [current.title]
    assert len(before) == 1
    assert str(before[0]).startswith("Graffiti on the canal bridge underpass (Closed, not resolved")
    assert str(before[0]).endswith(": The council now cleans it weekly")
    police_now, _ = priorities_for_profile(neighbourhood=cast.ashfield, tier=Tier.POLICE)
    assert len(police_now) == 2


def test_it_gives_police_uk_shaped_priorities_with_the_latest_action(cast):
    with_update = ActivePriorityFactory(
        neighbourhood=cast.ashfield, title="Street drinking in Museum Square", problem="", set_on=dt.date(2026, 2, 1)
    )
    UpdateFactory(priority=with_update, on=dt.date(2026, 3, 1), action="First patrols")
    UpdateFactory(priority=with_update, on=dt.date(2026, 4, 2), action="Dispersal order used twice")
    ActivePriorityFactory(
        neighbourhood=cast.ashfield,
        title="Speeding on Mill Lane",
        problem="At school times",
        activated_on=dt.date(2026, 1, 5),
    )
    ActivePriorityFactory(neighbourhood=cast.ashfield, tier=Tier.POLICE)
    PriorityFactory(neighbourhood=cast.ashfield)
    assert police_uk_priorities(neighbourhood=cast.ashfield) == [
        {
            "issue": "Street drinking in Museum Square",
            "issue-date": "2026-02-01T00:00:00",
            "action": "Dispersal order used twice",
            "action-date": "2026-04-02T00:00:00",
        },
        {
            "issue": "Speeding on Mill Lane. At school times",
            "issue-date": "2026-01-05T00:00:00",
            "action": None,
            "action-date": None,
        },
    ]
