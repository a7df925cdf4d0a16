"""The oversight panel: the sergeant's own teams, the inspector's force; the figures are the measures'."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from queries.models import QueryReply
from queries.selectors import query_measures
from queries.services import queries_escalate_overdue, query_reply, query_request_review
from queries.tests.conftest import RECEIVED, submit

NOW = RECEIVED + dt.timedelta(days=4)
PERIOD = {
    "start_day": "1",
    "start_month": "3",
    "start_year": "2026",
    "end_day": "6",
    "end_month": "3",
    "end_year": "2026",
}


def _scene(cast: Any) -> dict[str, Any]:
    with time_machine.travel(RECEIVED, tick=False):
        answered = submit(cast)
        late = submit(cast, neighbourhood=cast.brookside)
        outside = submit(cast, neighbourhood=cast.cottam)
    with time_machine.travel(RECEIVED + dt.timedelta(hours=5), tick=False):
        query_reply(query=answered, message="Done", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
        query_request_review(query=answered, reason="The reply did not help")
    queries_escalate_overdue(now=NOW)
    return {"answered": answered, "late": late, "outside": outside}


def test_the_sergeant_sees_their_teams_figures_overdue_and_escalations(
    client: Any, cast: Any, named: Any, django_assert_max_num_queries: Any
) -> None:
    scene = _scene(cast)
    client.force_login(cast.sam)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(30):
        response = client.get(reverse("queries:oversight"), PERIOD)
    assert response.status_code == 200
    context = response.context
    assert context["start"].date() == dt.date(2026, 3, 1)
    (team,) = context["team_rows"]
    expected = query_measures([cast.ashfield, cast.brookside], context["start"], context["end"], now=NOW)
    assert (team.received, team.answered_in_time, team.measurable, team.overdue_now, team.escalations) == (
        expected.received,
        expected.answered_in_time,
        expected.measurable,
        expected.overdue_now,
        expected.escalations,
    )
    assert (team.received, team.answered_in_time, team.overdue_now) == (2, 1, 1)
    assert {row.label for row in context["rows"]} == {"Ashfield", "Brookside"}  # not Cottam: no team of Sam's
    assert [q.pk for q in context["overdue"]] == [scene["late"].pk]
    assert {q.pk for q in context["escalated"]} == {scene["late"].pk, scene["answered"].pk}
    # Ashfield has a named officer; Brookside has none, and links to its list.
    assert [n.pk for n in context["without_officer"]] == [cast.brookside.pk]
    assert reverse("queries:officers", args=[cast.brookside.pk]) in response.content.decode()
    assert {(n.name, n.published) for n in context["areas"]} == {("Ashfield", 1), ("Brookside", 0)}


def test_the_inspector_oversees_the_force(client: Any, cast: Any, named: Any) -> None:
    scene = _scene(cast)
    client.force_login(cast.ian)
    with time_machine.travel(NOW, tick=False):
        context = client.get(reverse("queries:oversight"), PERIOD).context
    assert {row.label for row in context["rows"]} == {"Ashfield", "Brookside", "Cottam"}
    assert {q.pk for q in context["overdue"]} == {scene["late"].pk, scene["outside"].pk}
    assert {n.name for n in context["without_officer"]} == {"Brookside", "Cottam"}


def test_a_bad_period_is_an_error_not_a_500(client: Any, cast: Any) -> None:
    client.force_login(cast.sam)
    response = client.get(reverse("queries:oversight"), {**PERIOD, "end_day": "31", "end_month": "2"})
    assert response.status_code == 400
    assert "The end date must be a real date" in response.content.decode()
