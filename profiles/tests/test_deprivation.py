"""Category 2's auto-filled figures on the profile: shown, snapshotted and refreshed after imports.

The aggregates themselves are tested in ``geography/tests/test_deprivation.py``.
"""

import datetime as dt

import pytest
from django.urls import reverse

from core.jobs import job_start
from core.models import Job
from core.tiers import Tier
from geography.models import DeprivationRecord
from profiles.models import ProfileSnapshot
from profiles.selectors import profile_for
from profiles.services import profile_ensure

pytestmark = pytest.mark.django_db

# The fixture ``three`` (tests/deprivation_fixtures.py): three 2011 LSOAs in Ashfield with these figures.


def test_it_shows_missing_population_as_not_available(three, cast, client):
    three[1].population = None
    three[1].save()
    client.force_login(cast.olivia)
    page = client.get(reverse("profiles:detail", args=[cast.ashfield.pk])).content.decode()
    assert f"no population for {three[1].code}" in page


def test_it_says_so_when_there_are_no_figures(cast, client):
    client.force_login(cast.olivia)
    page = client.get(reverse("profiles:detail", args=[cast.ashfield.pk])).content.decode()
    assert "no LSOAs linked to it yet" in page
    assert "Vulnerable Localities Index:</strong> Not available" in page


def _refresh(capture, **params):
    with capture(execute=True):
        job = job_start(kind="profiles.refresh", params=params)
    return Job.objects.get(pk=job.pk)


def test_it_snapshots_changed_figures_after_an_import(three, cast, django_capture_on_commit_callbacks):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    assert _refresh(django_capture_on_commit_callbacks).result == {"profiles": 1, "snapshots": 1}
    _refresh(django_capture_on_commit_callbacks, neighbourhood_ids=[cast.ashfield.pk])
    assert ProfileSnapshot.objects.filter(kind=ProfileSnapshot.Kind.DATA_REFRESH).count() == 1  # unchanged: none
    DeprivationRecord.objects.filter(lsoa=three[0]).update(rank=600)
    _refresh(django_capture_on_commit_callbacks)
    assert ProfileSnapshot.objects.filter(profile=profile, kind=ProfileSnapshot.Kind.DATA_REFRESH).count() == 2


def test_it_shows_the_figures_of_the_time_in_the_as_at_view(three, cast, django_capture_on_commit_callbacks):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    _refresh(django_capture_on_commit_callbacks)
    taken = ProfileSnapshot.objects.get().taken_at
    DeprivationRecord.objects.filter(lsoa=three[0]).update(rank=600)
    then = profile_for(Tier.POLICE, cast.ashfield, as_of=taken + dt.timedelta(seconds=1))
    now = profile_for(Tier.POLICE, cast.ashfield)
    assert then.deprivation.editions[0].lsoas[0].imd.rank == 500
    assert now.deprivation.editions[0].lsoas[0].imd.rank == 600
    assert then.deprivation_as_at == taken
    assert profile.snapshots.count() == 1


def test_it_refreshes_after_an_import_job(three, cast, django_capture_on_commit_callbacks, tmp_path):
    profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    csv_file = tmp_path / "imd.csv"
    csv_file.write_text(f"lsoa11_code,IMD_rank,IMD_decile\n{three[0].code},700,1\n")
    with django_capture_on_commit_callbacks(execute=True):
        job_start(kind="import_imd", params={"path": str(csv_file)})
    assert Job.objects.get(kind="import_imd").status == Job.Status.SUCCEEDED
    assert Job.objects.get(kind="profiles.refresh").result == {"profiles": 1, "snapshots": 1}
    snapshot = ProfileSnapshot.objects.get(kind=ProfileSnapshot.Kind.DATA_REFRESH)
    ranks = {row["code"]: row["figures"]["imd"]["rank"] for row in snapshot.data["deprivation"]["editions"][0]["lsoas"]}
    assert ranks[three[0].code] == 700
