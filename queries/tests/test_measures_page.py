"""The measures page: neighbourhood, team and force rows in a fixed number of database queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from queries.models import QueryReply
from queries.selectors import measures_by_group, query_measures
from queries.services import queries_escalate_overdue, query_reply
from queries.tests.conftest import RECEIVED, submit
from tests.factories import NeighbourhoodFactory


def test_groups_add_up_their_neighbourhoods(cast: Any, named: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        a = submit(cast)
        submit(cast, neighbourhood=cast.brookside)
        submit(cast, neighbourhood=cast.cottam)
    with time_machine.travel(RECEIVED + dt.timedelta(hours=2), tick=False):
        query_reply(query=a, message="Done", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    now = RECEIVED + dt.timedelta(days=4)
    queries_escalate_overdue(now=now)
    start, end = RECEIVED - dt.timedelta(days=1), RECEIVED + dt.timedelta(days=1)
    team, force = measures_by_group(
        {"team": [cast.ashfield.pk, cast.brookside.pk], "force": [cast.ashfield.pk, cast.brookside.pk, cast.cottam.pk]},
        start,
        end + dt.timedelta(days=4),
        now=now,
    )
    assert (team.received, team.answered_in_time, team.measurable, team.overdue_now, team.escalations) == (
        2,
        1,
        2,
        1,
        1,
    )
    assert (force.received, force.overdue_now, force.escalations) == (3, 2, 2)
    assert force.median_response == dt.timedelta(hours=2)
    assert query_measures([cast.cottam], start, end, now=now).answered_in_time_share == 0.0
    empty = query_measures([cast.elsewhere], start, end, now=now)
    assert empty.answered_in_time_share is None
    assert empty.median_response is None


def test_the_page_shows_each_table_in_few_queries(
    client: Any, cast: Any, named: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(6):
        extra = NeighbourhoodFactory(force=cast.force, name=f"Extra {n}")
        submit(cast, neighbourhood=extra)
    submit(cast)
    client.force_login(cast.ian)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("queries:measures"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Testshire Police" in body
    assert "Ashfield and Brookside NPT" in body
    assert "Extra 5" in body
    assert (
        client.get(
            reverse("queries:measures"), {"start_day": "31", "start_month": "2", "start_year": "2026"}
        ).status_code
        == 400
    )
