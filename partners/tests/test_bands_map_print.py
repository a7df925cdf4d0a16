"""The portal's deployment bands, its LSOA map with a table twin, and its print view (issue 12)."""

import csv
import datetime as dt
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from crime.models import Crime
from deployment.models import NeighbourhoodScore, ScoreRun, ScoringMethod
from geography.models import NeighbourhoodLSOA
from tests.factories import LSOAFactory

pytestmark = pytest.mark.django_db


def run(force, *, current=True, status="succeeded"):
    return ScoreRun.objects.create(
        method=ScoringMethod.objects.filter(status="agreed").first(),
        force=force,
        scope=force.slug,
        vintage=2011,
        edition=2019,
        status=status,
        is_current=current,
        window_start=dt.date(2025, 1, 1),
        window_end=dt.date(2025, 12, 1),
        coverage_complete=True,
        finished_at=timezone.now(),
    )


def score(run, hood, band, value=88.5):
    return NeighbourhoodScore.objects.create(run=run, neighbourhood=hood, band=band, score=value, rank=1)


@pytest.fixture
def scored(cast):
    current = run(cast.force)
    score(current, cast.ashfield, "priority", 97.25)
    score(current, cast.brookside, "high")
    old = run(cast.force, current=False)
    score(old, cast.ashfield, "other")
    return cast


def page(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(f"partners:{name}", args=args))


def test_a_partner_sees_their_neighbourhoods_band_from_the_current_run_but_never_the_score(client, scored):
    index = page(client, scored.pat, "index").content.decode()
    assert "Deployment band" in index
    assert "Priority" in index
    assert "High" not in index  # Brookside's band: not the partner's area
    body = page(client, scored.pat, "neighbourhood", scored.ashfield.pk).content.decode()
    assert 'id="deployment-band"' in body
    assert "npt-band--priority" in body
    assert "January 2025 to December 2025" in body
    assert "97.25" not in body
    assert "97.2" not in body
    assert "npt-band--other" not in body  # the superseded run is not read


def test_no_current_run_is_said_plainly_not_shown_as_other(client, cast):
    run(cast.force, status="failed", current=False)
    body = page(client, cast.pat, "neighbourhood", cast.ashfield.pk).content.decode()
    assert "No deployment band" in body
    assert "npt-band--" not in body


def test_an_expired_agreement_hides_the_bands(client, scored):
    organisation = scored.pat.organisation
    organisation.agreement_ends = timezone.localdate() - dt.timedelta(days=1)
    organisation.save()
    body = page(client, scored.pat, "neighbourhood", scored.ashfield.pk).content.decode()
    assert "npt-band--" not in body
    assert "not in force" in body
    assert "Deployment band</th>" not in page(client, scored.pat, "index").content.decode()


@pytest.fixture
def lsoas(cast):
    inside = [LSOAFactory(code="E01990001", name="Mill <b>Lane</b> 001A"), LSOAFactory(code="E01990002")]
    for lsoa in inside:
        NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=lsoa, weight=1, method="spatial")
    for _ in range(3):
        Crime.objects.create(
            key=uuid.uuid4(),
            month=dt.date(2026, 2, 1),
            reported_by="Testshire Police",
            falls_within="Testshire Police",
            category="burglary",
            neighbourhood=cast.ashfield,
            lsoa=inside[0],
            lsoa_code=inside[0].code,
        )
    return inside


def test_the_map_has_a_table_twin_with_crime_per_lsoa_and_the_lsoas_vintage(client, cast, lsoas):
    body = page(client, cast.pat, "neighbourhood", cast.ashfield.pk).content.decode()
    assert 'id="partner-map"' in body
    assert 'href="#lsoa-crime-table"' in body
    assert f"/api/geography/neighbourhoods/{cast.ashfield.pk}/lsoas/?vintage=2011" in body
    assert 'data-code="E01990001"' in body
    assert "Mill &lt;b&gt;Lane&lt;/b&gt; 001A" in body  # an imported name is text, never markup
    rows = list(csv.reader(io.StringIO(page(client, cast.pat, "lsoa-crime-csv", cast.ashfield.pk).content.decode())))
    assert rows[0] == ["LSOA code", "LSOA name", "Crimes and ASB", "Source"]
    counts = {row[0]: row[2] for row in rows[1:]}
    assert counts == {"E01990001": "3", "E01990002": "0"}  # data exists for the window: a real zero


def test_with_no_crime_loaded_the_lsoa_counts_are_missing_not_zero(client, cast):
    lsoa = LSOAFactory(code="E01990009")
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=lsoa, weight=1, method="spatial")
    body = page(client, cast.pat, "neighbourhood", cast.ashfield.pk).content.decode()
    assert "No data" in body
    rows = list(csv.reader(io.StringIO(page(client, cast.pat, "lsoa-crime-csv", cast.ashfield.pk).content.decode())))
    assert rows[1][2:] == ["", "no data"]


def test_the_print_view_holds_the_pages_tables_and_is_logged_as_an_export(client, scored, lsoas):
    response = page(client, scored.pat, "print", scored.ashfield.pk)
    assert response.status_code == 200
    body = response.content.decode()
    assert "partners/print.css" in body
    assert "Printed" in body
    assert "npt-band--priority" in body
    assert 'data-code="E01990001"' in body
    assert 'id="partner-map"' not in body  # paper gets the table, not the map
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.PARTNER_EXPORTED, actor=scored.pat)
    assert event.data["export"] == "print"
    assert client.post(reverse("partners:print", args=[scored.ashfield.pk])).status_code == 405


def test_the_print_view_is_scoped_like_the_page(client, scored):
    assert page(client, scored.pat, "print", scored.brookside.pk).status_code == 404
    assert page(client, scored.olivia, "print", scored.ashfield.pk).status_code == 403
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.PARTNER_EXPORTED).exists()
