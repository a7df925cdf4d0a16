"""A partner's journey through the portal in Chromium with axe (issue 12): home, a neighbourhood, a CSV."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from priorities.models import Priority, PriorityUpdate
from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _priority(cast: Any, tier: int, title: str) -> Priority:
    return Priority.objects.create(
        neighbourhood=cast.ashfield,
        tier=tier,
        title=title,
        status="active",
        echr_checked=True,
        echr_note="Proportionate",
        activated_on=timezone.localdate() - dt.timedelta(days=10),
    )


def test_a_partner_opens_a_neighbourhood_sees_its_priorities_and_downloads_them(cast: Any, page: Any) -> None:
    shared = _priority(cast, 1, "Shared priority on Mill Lane")
    PriorityUpdate.objects.create(priority=shared, on=timezone.localdate(), action="Joint patrol", progress="some")
    _priority(cast, 2, "Police-only priority")
    login(page, "pat")
    page.get_by_role("link", name="Open the partner portal").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Partner portal"
    assert_accessible(page)
    page.get_by_role("link", name="Ashfield").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ashfield"
    assert page.get_by_text("Shared priority on Mill Lane").is_visible()
    assert page.get_by_text("Joint patrol").is_visible()
    assert page.get_by_text("Police-only priority").count() == 0
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the priorities as CSV").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert "Shared priority on Mill Lane" in text
    assert "Police-only priority" not in text
