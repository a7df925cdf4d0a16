"""The profile page and the index take a fixed number of queries, however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.services import profile_ensure
from profiles.tests.factories import (
    CommunityGroupFactory,
    DemographicSourceFactory,
    HousingItemFactory,
    InfrastructurePointFactory,
    KeyContactFactory,
    LanguageSpokenFactory,
    SurveyResultFactory,
)
from tests.factories import LSOAFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db
FACTORIES = [
    DemographicSourceFactory,
    HousingItemFactory,
    InfrastructurePointFactory,
    KeyContactFactory,
    SurveyResultFactory,
    LanguageSpokenFactory,
    CommunityGroupFactory,
]


def _grow(profile, count):
    for factory in FACTORIES:
        factory.create_batch(count, profile=profile)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_it_reads_a_profile_with_10_or_100_items_per_list_in_the_same_queries(cast, client, django_assert_num_queries):
    from geography.services import neighbourhood_set_lsoas

    neighbourhood_set_lsoas(neighbourhood=cast.ashfield, lsoas=LSOAFactory.create_batch(3))
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    _grow(profile, 10)
    client.force_login(cast.olivia)
    url = reverse("profiles:detail", args=[cast.ashfield.pk])
    with_ten = _queries(client, url)
    _grow(profile, 90)
    with django_assert_num_queries(with_ten):
        response = client.get(url)
    assert response.content.decode().count("The Red Lion") == 2 * 100  # table twin + map label each


def test_it_lists_3_or_30_neighbourhoods_in_the_same_queries(cast, client, django_assert_num_queries):
    client.force_login(cast.ian)
    url = reverse("profiles:index") + "?scope=all"

    def add(count):
        for _ in range(count):
            profile = profile_ensure(neighbourhood=NeighbourhoodFactory(force=cast.force), by=cast.ada)
            _grow(profile, 2)

    add(3)
    with_three = _queries(client, url)
    add(27)
    with django_assert_num_queries(with_three):
        client.get(url)
