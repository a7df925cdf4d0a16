"""The police-side queries API: scope, filters (a bad value is a 400 naming it), paging and the measures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from queries.models import QueryReply
from queries.services import query_reply
from queries.tests.conftest import RECEIVED, submit

LIST = "api-queries:query-list"


def test_it_lists_the_readers_scope_with_the_sender_for_police(client: Any, cast: Any, named: Any) -> None:
    mine = submit(cast)
    submit(cast, neighbourhood=cast.elsewhere)  # another force
    client.force_login(cast.olivia)
    rows = client.get(reverse(LIST)).json()["results"]
    assert [row["reference"] for row in rows] == [mine.reference]
    assert rows[0]["sender_email"] == "rita@example.com"


def test_its_filters_work_and_refuse_bad_values(client: Any, cast: Any, named: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        late = submit(cast)
        answered = submit(cast, neighbourhood=cast.brookside)
        query_reply(query=answered, message="Done", channel=QueryReply.Channel.EMAIL, actor=cast.sam)
    client.force_login(cast.sam)
    with time_machine.travel(RECEIVED + dt.timedelta(hours=80), tick=False):
        client.force_login(cast.sam)
        overdue = client.get(reverse(LIST), {"overdue": "true"}).json()["results"]
        by_area = client.get(reverse(LIST), {"neighbourhood": cast.brookside.pk}).json()["results"]
        by_status = client.get(reverse(LIST), {"status": "answered"}).json()["results"]
        for bad in ({"status": "nope"}, {"neighbourhood": "x"}, {"received_after": "yesterday"}, {"topic": "\x00"}):
            response = client.get(reverse(LIST), bad)
            assert response.status_code == 400, bad
            assert next(iter(bad)) in response.json()
    assert [r["reference"] for r in overdue] == [late.reference]
    assert [r["reference"] for r in by_area] == [answered.reference]
    assert [r["reference"] for r in by_status] == [answered.reference]


def test_it_pages(client: Any, cast: Any, named: Any) -> None:
    for n in range(3):
        submit(cast, message=f"m{n}")
    client.force_login(cast.olivia)
    body = client.get(reverse(LIST), {"page_size": 2}).json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"]


def test_the_measures_endpoint_counts_one_answered_in_time(client: Any, cast: Any, named: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast)
        submit(cast)  # unanswered: overdue by the end
    with time_machine.travel(RECEIVED + dt.timedelta(hours=10), tick=False):
        query_reply(query=query, message="Done", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    with time_machine.travel(RECEIVED + dt.timedelta(days=5), tick=False):
        client.force_login(cast.ian)
        url = reverse("api-queries:query-measures")
        body = client.get(url, {"neighbourhood": cast.ashfield.pk}).json()
        assert client.get(url, {"start": "soon"}).status_code == 400
        assert client.get(url, {"start": "2026-03-05T00:00Z", "end": "2026-03-01T00:00Z"}).status_code == 400
        client.force_login(cast.pat)
        assert client.get(url).status_code == 403
    assert body["received"] == 2
    assert (body["answered_in_time"], body["measurable"]) == (1, 2)
    assert body["answered_in_time_share"] == 0.5
    assert body["median_response_hours"] == 10.0
    assert body["overdue_now"] == 1
    assert body["escalations"] == 0


def test_the_people_endpoint_is_public_and_publishes_only_published_officers(
    client: Any, cast: Any, named: Any
) -> None:
    from core.tiers import Tier
    from queries.models import NamedOfficer

    NamedOfficer.objects.create(neighbourhood=cast.ashfield, name="Draft", rank="PC", role="x", tier=Tier.POLICE)
    response = client.get(reverse("api-queries:neighbourhood-people", args=[cast.ashfield.pk]))
    assert response.status_code == 200
    assert response.json() == [
        {
            "name": "Olivia Officer",
            "rank": "PC",
            "role": "Neighbourhood beat manager",
            "bio": "Ashfield's beat manager since 2024.",
            "contact_details": {"contact_form": reverse("queries:contact", args=[cast.ashfield.pk])},
        }
    ]
    assert client.get(reverse("api-queries:neighbourhood-people", args=[999999])).status_code == 404
