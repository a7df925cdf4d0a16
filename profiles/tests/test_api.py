"""Issue 12: the profiles API. Scope (visible_to: another force's neighbourhood is a 404), tier through the one
tier filter (``profile_for``: the detail is the export's shape, so a partner never reads a police-only item or
field), filters and their 400s, paging, and query counts that do not grow with the rows.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.tiers import Tier
from profiles.services import profile_ensure
from profiles.tests.conftest import PARTNER_SECRETS, POLICE_SECRETS
from profiles.tests.factories import CommunityGroupFactory, InfrastructurePointFactory, KeyContactFactory
from tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

PROFILES = reverse("api-profiles:profile-list")


def _detail(neighbourhood):
    return reverse("api-profiles:profile-detail", args=[neighbourhood.pk])


def _ids(client, url=PROFILES):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_police_read_every_tier_and_the_export_agrees(cast, client, seeded):
    client.force_login(cast.olivia)
    response = client.get(_detail(cast.ashfield))
    assert response.status_code == 200
    text = response.content.decode()
    for secret in POLICE_SECRETS + PARTNER_SECRETS:
        assert secret in text, secret
    export = client.get(reverse("profiles:export", args=[cast.ashfield.pk])).json()
    assert response.json()["categories"] == export["categories"]  # one tier filter, one shape


def test_a_partner_never_reads_a_police_tier_item_or_field(cast, client, seeded):
    client.force_login(cast.pat)
    response = client.get(_detail(cast.ashfield))
    assert response.status_code == 200
    text = response.content.decode()
    for secret in POLICE_SECRETS:
        assert secret not in text, secret
    for secret in PARTNER_SECRETS:
        assert secret in text, secret
    assert response.json()["tier"] == Tier.PARTNER.label
    assert "Ashfield Library" in text  # the public point is there, its police-only note is not


def test_scope_an_officer_of_another_force_gets_404(cast, client, seeded):
    client.force_login(cast.olivia)
    assert client.get(_detail(cast.elsewhere)).status_code == 404
    assert cast.elsewhere.pk not in _ids(client)
    client.force_login(cast.pat)
    assert client.get(_detail(cast.brookside)).status_code == 404
    assert _ids(client) == {cast.ashfield.pk}


def test_without_a_role_or_signed_out_it_is_refused(cast, client):
    assert client.get(PROFILES).status_code == 403
    client.force_login(cast.nobody)
    assert client.get(_detail(cast.ashfield)).status_code in (403, 404)


def test_the_list_says_which_are_started_and_filters(cast, client, seeded):
    client.force_login(cast.olivia)
    rows = {row["id"]: row for row in client.get(PROFILES).json()["results"]}
    assert rows[cast.ashfield.pk]["started"] is True
    assert rows[cast.brookside.pk]["started"] is False
    assert _ids(client, f"{PROFILES}?started=true") == {cast.ashfield.pk}
    assert cast.ashfield.pk not in _ids(client, f"{PROFILES}?started=false")
    assert _ids(client, f"{PROFILES}?force=otherton") == set()
    for bad in ("started=maybe", "force=" + "x" * 65):
        response = client.get(f"{PROFILES}?{bad}")
        assert response.status_code == 400, bad
        assert bad.split("=")[0] in response.json()


def test_the_list_is_paginated(cast, client):
    client.force_login(cast.ian)
    first = client.get(f"{PROFILES}?limit=2").json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["next"]
    second = client.get(first["next"]).json()
    seen = {row["id"] for row in first["results"]} | {row["id"] for row in second["results"]}
    assert seen == {cast.ashfield.pk, cast.brookside.pk, cast.cottam.pk}


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_query_count_does_not_grow_with_neighbourhoods(cast, client, django_assert_num_queries):
    client.force_login(cast.ian)
    for _ in range(3):
        profile_ensure(neighbourhood=NeighbourhoodFactory(force=cast.force), by=cast.ada)
    with_few = _queries(client, PROFILES)
    for _ in range(20):
        profile_ensure(neighbourhood=NeighbourhoodFactory(force=cast.force), by=cast.ada)
    with django_assert_num_queries(with_few):
        assert client.get(PROFILES).json()["count"] == 26


def test_the_detail_query_count_does_not_grow_with_items(cast, client, django_assert_num_queries):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    grow = (InfrastructurePointFactory, KeyContactFactory, CommunityGroupFactory)
    for factory in grow:
        factory.create_batch(3, profile=profile)
    client.force_login(cast.olivia)
    with_few = _queries(client, _detail(cast.ashfield))
    for factory in grow:
        factory.create_batch(30, profile=profile)
    with django_assert_num_queries(with_few):
        client.get(_detail(cast.ashfield))


def test_a_reader_may_ask_for_a_lower_tier_never_a_higher_one(cast, client, seeded):
    client.force_login(cast.olivia)
    text = client.get(_detail(cast.ashfield) + "?tier=partner").content.decode()
    assert "PARTNER-GROUP-NAME" in text
    assert "SECRET-GROUP-NAME" not in text
    client.force_login(cast.pat)
    response = client.get(_detail(cast.ashfield) + "?tier=police")
    assert response.json()["tier"] == Tier.PARTNER.label
    assert "SECRET-GROUP-NAME" not in response.content.decode()
    bad = client.get(_detail(cast.ashfield) + "?tier=gold")
    assert bad.status_code == 400
    assert "tier" in bad.json()
