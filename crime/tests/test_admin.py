"""Crimes and releases can be seen in the admin, read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from crime.importer import import_crimes
from crime.models import Crime, CrimeRelease

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def test_the_admin_lists_releases_and_crimes_read_only(admin_client: Client, shared_data: Path) -> None:
    import_crimes([shared_data / "crime/other/police_durham_2026-05_small.zip"])
    release = CrimeRelease.objects.get()
    crime = Crime.objects.exclude(crime_id="").first()
    assert crime is not None

    releases = admin_client.get("/admin/crime/crimerelease/")
    crimes = admin_client.get("/admin/crime/crime/", {"q": crime.crime_id})
    one = admin_client.get(f"/admin/crime/crime/{crime.pk}/change/")

    assert releases.status_code == crimes.status_code == one.status_code == 200
    assert release.source_file in releases.content.decode()
    assert crime.location_text in crimes.content.decode()
    assert admin_client.get("/admin/crime/crime/add/").status_code == 403
    assert admin_client.post(f"/admin/crime/crime/{crime.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Crime.objects.filter(pk=crime.pk).exists()
