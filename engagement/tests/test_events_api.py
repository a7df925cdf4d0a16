"""Issue 12: the engagement events API. Scope (visible_to: another force's event is a 404), tier (partners
read public and partner-tier events only, police every tier), filters and their 400s, paging, no contact's
personal data, and a query count that does not grow with the rows.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.tiers import Tier
from priorities.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

EVENTS = reverse("api-engagement:event-list")


def _detail(event):
    return reverse("api-engagement:event-detail", args=[event.pk])


@pytest.fixture
def events(cast):
    when = timezone.now().replace(microsecond=0)
    public = EventFactory(neighbourhood=cast.ashfield, tier=Tier.PUBLIC, starts_at=when, contact="Rita 0113 496 0001")
    partner = EventFactory(
        neighbourhood=cast.ashfield, tier=Tier.PARTNER, kind="street_briefing", starts_at=when + dt.timedelta(days=10)
    )
    police = EventFactory(
        neighbourhood=cast.ashfield, tier=Tier.POLICE, title="POLICE-ONLY-BRIEFING", starts_at=when - dt.timedelta(10)
    )
    brookside = EventFactory(neighbourhood=cast.brookside, tier=Tier.PUBLIC, starts_at=when)
    elsewhere = EventFactory(neighbourhood=cast.elsewhere, tier=Tier.PUBLIC, starts_at=when)
    return {"public": public, "partner": partner, "police": police, "brookside": brookside, "elsewhere": elsewhere}


def _ids(client, url=EVENTS):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_an_officer_reads_every_tier_in_their_force_and_nothing_of_another(cast, client, events):
    client.force_login(cast.olivia)
    ids = _ids(client)
    assert {events["public"].pk, events["partner"].pk, events["police"].pk, events["brookside"].pk} <= ids
    assert events["elsewhere"].pk not in ids
    assert client.get(_detail(events["elsewhere"])).status_code == 404
    assert client.get(_detail(events["police"])).json()["title"] == "POLICE-ONLY-BRIEFING"


def test_a_partner_never_sees_a_police_tier_event(cast, client, events):
    client.force_login(cast.pat)
    response = client.get(EVENTS)
    assert _ids(client) == {events["public"].pk, events["partner"].pk}  # their organisation's neighbourhood only
    assert "POLICE-ONLY-BRIEFING" not in response.content.decode()
    assert client.get(_detail(events["police"])).status_code == 404
    assert client.get(_detail(events["brookside"])).status_code == 404
    assert client.get(_detail(events["public"])).json()["tier"] == Tier.PUBLIC


def test_no_personal_data_of_contacts_or_organisers(cast, client, events):
    client.force_login(cast.olivia)
    body = client.get(_detail(events["public"])).json()
    assert "Rita" not in str(body)
    assert not {"contact", "organiser", "created_by"} & set(body)


def test_without_a_role_or_signed_out_it_is_refused(cast, client, events):
    assert client.get(EVENTS).status_code == 403
    client.force_login(cast.nobody)
    assert client.get(EVENTS).status_code == 403


def test_filters_narrow_and_malformed_values_are_a_400(cast, client, events):
    client.force_login(cast.olivia)
    assert _ids(client, f"{EVENTS}?neighbourhood={cast.brookside.pk}") == {events["brookside"].pk}
    assert _ids(client, f"{EVENTS}?kind=street_briefing") == {events["partner"].pk}
    today = timezone.localdate(events["public"].starts_at)
    later = (today + dt.timedelta(days=5)).isoformat()
    earlier = (today - dt.timedelta(days=5)).isoformat()
    assert _ids(client, f"{EVENTS}?starts_after={later}") == {events["partner"].pk}
    assert _ids(client, f"{EVENTS}?starts_before={earlier}") == {events["police"].pk}
    for bad in ("starts_after=2026-13-45", "starts_before=yesterday", "neighbourhood=abc", "kind=rave",
                "neighbourhood=0", "neighbourhood=99999999999"):  # fmt: skip
        response = client.get(f"{EVENTS}?{bad}")
        assert response.status_code == 400, bad
        assert bad.split("=")[0] in response.json()


def test_the_list_is_paginated(cast, client, events):
    client.force_login(cast.olivia)
    first = client.get(f"{EVENTS}?limit=2").json()
    assert first["count"] == 4
    assert len(first["results"]) == 2
    assert first["next"]
    second = client.get(first["next"]).json()
    assert not {row["id"] for row in first["results"]} & {row["id"] for row in second["results"]}


def test_the_query_count_does_not_grow_with_the_events(cast, client, django_assert_num_queries):
    client.force_login(cast.olivia)
    EventFactory.create_batch(3, neighbourhood=cast.ashfield)
    with CaptureQueriesContext(connection) as three:
        assert client.get(EVENTS).status_code == 200
    EventFactory.create_batch(30, neighbourhood=cast.brookside)
    with django_assert_num_queries(len(three)):
        assert client.get(EVENTS).json()["count"] == 33
