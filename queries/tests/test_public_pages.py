"""What the public see of queries: the named officers and the contact form on the neighbourhood page, the
team's 72-hour record there, and the sender's own progress page. Never a sender's text or details."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from core.tiers import Tier
from queries.links import review_path
from queries.models import NamedOfficer, QueryReply
from queries.selectors import query_measures
from queries.services import query_acknowledge, query_close, query_reply
from queries.templatetags.queries_public import PUBLIC_PERIOD_DAYS
from queries.tests.conftest import RECEIVED, submit


def _page(client: Any, cast: Any) -> str:
    response = client.get(reverse("public:neighbourhood", args=[cast.force.slug, cast.ashfield.pk]))
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_neighbourhood_page_shows_the_named_officers_and_links_the_contact_form(
    client: Any, cast: Any, named: Any, django_assert_max_num_queries: Any
) -> None:
    NamedOfficer.objects.create(
        neighbourhood=cast.ashfield, name="Hidden Draft", rank="PC", role="x", tier=Tier.POLICE, order=5
    )
    NamedOfficer.objects.create(
        neighbourhood=cast.ashfield, name="<em>Pete</em>", rank="PCSO", role="Support", public_phone="101", order=1
    )
    with django_assert_max_num_queries(20):
        body = _page(client, cast)
    assert "PC Olivia Officer" in body
    assert "Ashfield&#x27;s beat manager since 2024." in body
    assert "&lt;em&gt;Pete&lt;/em&gt;" in body
    assert "<em>Pete</em>" not in body
    assert "Phone: 101" in body
    assert "Hidden Draft" not in body
    assert body.index("Olivia Officer") < body.index("Pete")  # the sergeant's order
    assert f'href="{reverse("queries:contact", args=[cast.ashfield.pk])}"' in body


def test_a_neighbourhood_without_a_named_officer_still_offers_the_form(client: Any, cast: Any) -> None:
    body = _page(client, cast)
    assert "No named officer has been published for this neighbourhood yet" in body
    assert reverse("queries:contact", args=[cast.ashfield.pk]) in body


def test_the_72_hour_record_is_the_measure_and_missing_is_not_zero(client: Any, cast: Any, named: Any) -> None:
    now = RECEIVED + dt.timedelta(days=10)
    with time_machine.travel(now, tick=False):
        assert "nothing to measure yet" in _page(client, cast)
    with time_machine.travel(RECEIVED, tick=False):
        quick, slow, _ = submit(cast), submit(cast), submit(cast, neighbourhood=cast.brookside)
    with time_machine.travel(RECEIVED + dt.timedelta(hours=3), tick=False):
        query_reply(query=quick, message="Done", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    with time_machine.travel(RECEIVED + dt.timedelta(hours=80), tick=False):
        query_reply(query=slow, message="Sorry", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    with time_machine.travel(now, tick=False):
        body = _page(client, cast)
        expected = query_measures([cast.ashfield], now - dt.timedelta(days=PUBLIC_PERIOD_DAYS), now, now=now)
    assert (expected.received, expected.answered_in_time, expected.measurable) == (2, 1, 2)
    assert f"{expected.answered_in_time_share:.0%} ({expected.answered_in_time} of {expected.measurable})" in body
    assert "Motorbikes" not in body  # a sender's text never reaches the public page


def test_the_sender_sees_how_their_query_stands(client: Any, cast: Any, named: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast)
    url = review_path(query)

    def progress(at: dt.datetime) -> str:
        with time_machine.travel(at, tick=False):
            body = client.get(url).content.decode()
        assert "rita@example.com" not in body
        assert "Motorbikes" not in body
        return str(body)

    assert "waiting to be seen" in progress(RECEIVED + dt.timedelta(hours=1))
    with time_machine.travel(RECEIVED + dt.timedelta(hours=2), tick=False):
        query_acknowledge(query=query, actor=cast.olivia)
    assert "Seen by the team" in progress(RECEIVED + dt.timedelta(hours=3))
    assert "the team&#x27;s sergeant has been told" in progress(RECEIVED + dt.timedelta(hours=73))
    with time_machine.travel(RECEIVED + dt.timedelta(hours=74), tick=False):
        query_reply(query=query, message="Patrols", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    assert "Replied to on" in progress(RECEIVED + dt.timedelta(hours=75))
    with time_machine.travel(RECEIVED + dt.timedelta(hours=76), tick=False):
        query_close(query=query, outcome="answered", actor=cast.olivia)
    assert "Closed on" in progress(RECEIVED + dt.timedelta(hours=77))
