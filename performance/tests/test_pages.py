"""The dashboards: who sees them, the figures on them, CSV export with the formula guard, and no N+1 (issue 15)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Team
from performance.tests.conftest import Scene
from tests.factories import NeighbourhoodFactory, TeamFactory

pytestmark = pytest.mark.django_db

PERIOD = {"months": "3", "ending": "2026-03"}


def test_the_force_page_shows_the_measures_and_the_drill_down(client: Any, scene: Scene) -> None:
    cast = scene.cast
    client.force_login(cast.ian)
    response = client.get(reverse("performance:force", args=[cast.force.pk]), PERIOD)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Neighbourhood Policing Guarantee" in body
    assert "Ashfield and Brookside NPT" in body
    assert "Cottam" in body
    assert "not available: source not built" in body
    # Named officer: 1 of the 3 neighbourhoods.
    assert "33% (1 of 3)" in body


def test_a_team_page_and_a_neighbourhood_page(client: Any, scene: Scene) -> None:
    cast = scene.cast
    client.force_login(cast.sam)
    team = Team.objects.get(name="Ashfield and Brookside NPT")
    assert "50% (1 of 2)" in client.get(reverse("performance:team", args=[team.pk]), PERIOD).content.decode()
    page = client.get(reverse("performance:neighbourhood", args=[cast.ashfield.pk]), PERIOD).content.decode()
    assert "67% (2 of 3)" in page  # priorities up to date in Ashfield


def test_a_malformed_period_is_a_400_with_an_error_summary(client: Any, cast: Any) -> None:
    client.force_login(cast.ian)
    response = client.get(reverse("performance:index"), {"ending": "March"})
    assert response.status_code == 400
    assert "Last month must be a year and month" in response.content.decode()


def test_out_of_scope_force_and_team_are_404(client: Any, cast: Any) -> None:
    client.force_login(cast.ian)
    assert client.get(reverse("performance:force", args=[cast.other_force.pk])).status_code == 404
    other = TeamFactory(name="Elsewhere NPT", force=cast.other_force)
    other.neighbourhoods.add(cast.elsewhere)
    assert client.get(reverse("performance:team", args=[other.pk])).status_code == 404


def test_csv_has_the_roll_up_and_neutralises_formulas(client: Any, scene: Scene) -> None:
    cast = scene.cast
    Team.objects.filter(name="Ashfield and Brookside NPT").update(name='=HYPERLINK("http://x")')
    client.force_login(cast.ian)
    response = client.get(reverse("performance:force-csv", args=[cast.force.pk]), PERIOD)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    named = {(r["scope"], r["name"]): r for r in rows if r["measure"] == "named_officer"}
    assert named[("force", "Testshire Police")]["numerator"] == "1"
    assert named[("force", "Testshire Police")]["denominator"] == "3"
    assert ("team", '\'=HYPERLINK("http://x")') in named
    # The scene records no SARA actions: the measure has nothing to count, which is missing, never 0.
    empty = [r for r in rows if r["measure"] == "actions_on_time" and r["scope"] == "force"]
    assert empty[0]["value"] == ""
    assert empty[0]["missing"].startswith(("missing", "not available"))


def _force_page_queries(client: Any, cast: Any, n_teams: int) -> int:
    for i in range(n_teams):
        team = TeamFactory(name=f"Grown {n_teams}-{i}", force=cast.force)
        team.neighbourhoods.add(*[NeighbourhoodFactory(force=cast.force, code=f"G{n_teams}-{i}-{j}") for j in range(3)])
    client.force_login(cast.ian)
    url = reverse("performance:force", args=[cast.force.pk])
    client.get(url, PERIOD)  # warm the session and the content types
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, PERIOD).status_code == 200
    return len(captured)


def test_the_force_page_makes_as_many_queries_for_10_times_the_teams(client: Any, scene: Scene) -> None:
    assert _force_page_queries(client, scene.cast, 1) == _force_page_queries(client, scene.cast, 10)


def test_role_grants(cast: Any) -> None:
    """Sergeants draft, inspectors also sign off, analysts read; officers and partners hold none."""
    assert cast.sam.has_perm("performance.view_performance")
    assert cast.sam.has_perm("performance.add_selfassessment")
    assert not cast.sam.has_perm("performance.sign_off_selfassessment")
    assert cast.ian.has_perm("performance.sign_off_selfassessment")
    assert cast.ana.has_perm("performance.view_performance")
    assert not cast.ana.has_perm("performance.add_selfassessment")
    for user in (cast.olivia, cast.pat, cast.nobody):
        assert not user.has_perm("performance.view_performance")
        assert not user.has_perm("performance.view_selfassessment")
