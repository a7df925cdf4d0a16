"""The home and neighbourhood pages: what each shows, and that their query count does not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.template import loader
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from geography.models import DeprivationRecord, Domain, Edition, NeighbourhoodLSOA
from tests.factories import LSOAFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def _grow(cast: Any, count: int) -> None:
    """COUNT more neighbourhoods that every role's home page lists: Olivia's, the team's and Pat's organisation's."""
    team = cast.sam.teams_led.get()
    for _ in range(count):
        neighbourhood = NeighbourhoodFactory(force=cast.force)
        cast.olivia.neighbourhoods.add(neighbourhood)
        team.neighbourhoods.add(neighbourhood)
        cast.pat.organisation.neighbourhoods.add(neighbourhood)


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("user", ["olivia", "sam", "ian", "ana", "pat", "ada", "nobody"])
@pytest.mark.parametrize("url_name", ["home", "geography:neighbourhood-list"])
def test_it_keeps_queries_constant_as_neighbourhoods_grow(
    client: Any, cast: Any, django_assert_num_queries: Any, user: str, url_name: str
) -> None:
    client.force_login(getattr(cast, user))
    url = reverse(url_name)
    _grow(cast, 3 - 1)  # Ashfield is already everyone's: three in all.
    at_three = _queries(client, url)
    _grow(cast, 27)
    with django_assert_num_queries(at_three):
        client.get(url)


def test_it_shows_an_officer_their_own_neighbourhoods_only(client: Any, cast: Any) -> None:
    client.force_login(cast.olivia)
    page = client.get(reverse("home")).content.decode()
    assert '<h1 class="govuk-heading-l">Officer home</h1>' in page
    assert "Ashfield" in page
    assert "Brookside" not in page  # the team's, not Olivia's


def test_it_shows_a_sergeant_the_team_neighbourhoods(client: Any, cast: Any) -> None:
    client.force_login(cast.sam)
    page = client.get(reverse("home")).content.decode()
    assert "Ashfield and Brookside NPT" in page
    assert "Ashfield" in page
    assert "Brookside" in page
    assert "Cottam" not in page


def test_it_shows_a_partner_their_areas_tier_and_agreement_dates(client: Any, cast: Any) -> None:
    organisation = cast.pat.organisation
    client.force_login(cast.pat)
    page = client.get(reverse("home")).content.decode()
    assert organisation.agreement_reference in page
    assert f"{organisation.agreement_starts:%-d %B %Y}" in page
    assert f"{organisation.agreement_ends:%-d %B %Y}" in page
    assert ">Partner</strong> information" in page
    assert "Ashfield" in page
    assert "Cottam" not in page


def test_it_links_an_analyst_to_the_import_jobs(client: Any, cast: Any) -> None:
    client.force_login(cast.ana)
    page = client.get(reverse("home")).content.decode()
    assert reverse("geography:job-list") in page


def test_it_lists_a_neighbourhoods_lsoas_with_share_and_imd_decile(client: Any, cast: Any) -> None:
    scored, unscored = LSOAFactory(name="Ashfield 001A"), LSOAFactory(name="Ashfield 001B")
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=scored, weight=0.25, method="spatial")
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=unscored, weight=1.0, method="explicit")
    DeprivationRecord.objects.create(lsoa=scored, edition=Edition.IOD2019, domain=Domain.IMD, rank=1234, decile=3)
    # Another domain's decile must not be shown as the IMD decile.
    DeprivationRecord.objects.create(lsoa=unscored, edition=Edition.IOD2019, domain=Domain.CRIME, decile=9)
    client.force_login(cast.olivia)
    response = client.get(reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk]))
    rows = [m for m in response.context["memberships"]]
    assert [(m.lsoa.code, m.imd_decile) for m in rows] == [(scored.code, 3), (unscored.code, None)]
    page = response.content.decode()
    assert "25.0%" in page
    assert "100.0% (set explicitly)" in page
    assert "Not available" in page
    assert 'id="lsoa-table"' in page
    assert reverse("api-geography:neighbourhood-lsoas", args=[cast.ashfield.pk]) in page


def test_it_says_population_is_not_known_rather_than_zero(client: Any, cast: Any) -> None:
    client.force_login(cast.olivia)
    page = client.get(reverse("geography:neighbourhood-detail", args=[cast.cottam.pk])).content.decode()
    assert "Not known" in page


def test_it_renders_the_server_error_page_without_a_request() -> None:
    # Django renders 500.html with no context at all: no user, no context processors, no database.
    html = loader.get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
    assert "Sign out" not in html


def test_it_uses_the_npt_not_found_page(client: Any, cast: Any) -> None:
    client.force_login(cast.pat)
    response = client.get(reverse("geography:neighbourhood-detail", args=[cast.cottam.pk]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
