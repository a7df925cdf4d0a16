"""The Data coverage page: a force x month grid from the releases, gaps shown, missing never 0."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from crime.models import CrimeRelease

pytestmark = [pytest.mark.django_db]


def _release(force: str, month: str, records: int) -> None:
    CrimeRelease.objects.create(
        force=force,
        month=dt.date.fromisoformat(f"{month}-01"),
        source_file=f"{month}-{force}-street.csv",
        sha256=f"{force}{month}".ljust(64, "0")[:64],
        rows=records,
        records=records,
        added=records,
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_each_force_month_with_absent_and_small_months_as_gaps(cast: Any) -> None:
    for month, records in (("2024-01", 9000), ("2024-02", 9100), ("2024-04", 8900), ("2024-05", 2000)):
        _release("west-yorkshire", month, records)
    _release("durham", "2024-05", 3000)

    page = _client(cast.ana).get(reverse("crime:coverage")).content.decode()

    rows = dict(re.findall(r'data-month="([0-9-]+)">(.*?)</tr>', page, re.S))
    assert list(rows) == ["2024-05", "2024-04", "2024-03", "2024-02", "2024-01"]
    # Columns: durham, west-yorkshire (sorted).
    may = re.findall(r"<td[^>]*>(.*?)</td>", rows["2024-05"], re.S)
    assert "3000" in may[0]
    assert "2000" in may[1]
    assert 'data-gap="small"' in rows["2024-05"]
    march = re.findall(r"<td([^>]*)>(.*?)</td>", rows["2024-03"], re.S)
    assert 'data-gap="absent"' in march[1][0]
    assert "No data" in march[1][1]
    assert ">0<" not in rows["2024-03"].replace(" ", "")
    assert "Outside this force" in march[0][1]
    assert "2 forces, 5 months, 2 gaps" in page


def test_it_says_when_nothing_is_loaded_and_is_closed_to_users_without_a_role(cast: Any) -> None:
    assert (
        "No police.uk releases have been imported yet" in _client(cast.olivia).get("/crime/coverage/").content.decode()
    )
    assert _client(cast.nobody).get("/crime/coverage/").status_code == 403
    assert Client().get("/crime/coverage/").status_code == 302
    assert _client(cast.olivia).post("/crime/coverage/").status_code == 405
