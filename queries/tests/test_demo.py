"""Acceptance: the 72-hour measure on the demo data equals an independent computation from the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from demo.tests.support import AS_AT, load_demo, wipe_demo
from geography.models import Neighbourhood
from queries.models import NamedOfficer, Query
from queries.selectors import query_measures


@pytest.fixture
def demo(db: None) -> Any:
    load_demo()
    yield
    wipe_demo()


def _independent(
    neighbourhood_ids: list[int], start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> tuple[int, int]:
    """(answered within 72 hours, measurable) straight from the table, in SQL, with its own reading of the rule."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT
              count(*) FILTER (WHERE first_response_at IS NOT NULL
                               AND first_response_at - received_at <= interval '72 hours'),
              count(*) FILTER (WHERE first_response_at IS NOT NULL
                               OR status = 'closed'
                               OR received_at + interval '72 hours' < %s)
            FROM queries_query
            WHERE neighbourhood_id = ANY(%s) AND received_at >= %s AND received_at < %s
            """,
            [now, neighbourhood_ids, start, end],
        )
        in_time, measurable = cursor.fetchone()
    return in_time, measurable


def test_the_72_hour_measure_on_the_demo_data_matches_the_database(demo: Any) -> None:
    areas = list(Neighbourhood.objects.filter(force__slug="demoshire", queries__isnull=False).distinct())
    assert areas, "the demo has queries"
    assert NamedOfficer.objects.filter(neighbourhood__in=areas).count() == len(areas)
    now = dt.datetime.combine(AS_AT, dt.time(12), tzinfo=dt.UTC)
    start, end = now - dt.timedelta(days=28), now
    measures = query_measures(areas, start, end, now=now)
    in_time, measurable = _independent([a.pk for a in areas], start, end, now)
    assert measures.received == Query.objects.filter(neighbourhood__in=areas).count() == 8
    assert (measures.answered_in_time, measures.measurable) == (in_time, measurable)
    assert measures.answered_in_time_share == pytest.approx(in_time / measurable)
    for area in areas:  # and per neighbourhood
        one = query_measures([area], start, end, now=now)
        assert (one.answered_in_time, one.measurable) == _independent([area.pk], start, end, now)


def test_a_second_demo_load_changes_no_query(demo: Any) -> None:
    before = list(Query.objects.filter(reference__startswith="NQ-DEMO-").values_list("reference", "version", "due_at"))
    load_demo()
    after = list(Query.objects.filter(reference__startswith="NQ-DEMO-").values_list("reference", "version", "due_at"))
    assert before == after
    assert len(after) == 8
