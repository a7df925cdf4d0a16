"""The partner map in Chromium: LSOAs draw, each popup is copied from the table twin as text (an imported name
holding markup shows as characters and never runs), axe passes on the page and on the print view."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from crime.models import Crime
from geography.models import NeighbourhoodLSOA
from tests.browser.conftest import assert_accessible, browser, login, page  # noqa: F401
from tests.factories import LSOAFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1;alert('lsoa')\">"


def test_popups_come_from_the_table_twin_as_text(cast: Any, page: Any) -> None:  # noqa: F811
    lsoa = LSOAFactory(code="E01990001", name=PAYLOAD, vintage=2011)
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=lsoa, weight=1, method="spatial")
    for _ in range(2):
        Crime.objects.create(
            key=uuid.uuid4(),
            month=dt.date(2026, 2, 1),
            reported_by="Testshire Police",
            falls_within="Testshire Police",
            category="burglary",
            neighbourhood=cast.ashfield,
            lsoa=lsoa,
            lsoa_code=lsoa.code,
        )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    login(page, "pat")
    page.goto(f"/partners/n/{cast.ashfield.pk}/")
    page.wait_for_function("() => document.getElementById('partner-map').dataset.popups === '1'")
    assert_accessible(page)

    page.evaluate("() => document.getElementById('partner-map').scrollIntoView()")
    # The boundary is drawn first (no fill); the LSOA is the filled path.
    paths = page.locator("#partner-map path.leaflet-interactive")
    paths.last.click(force=True)
    popup = page.locator("#partner-map .leaflet-popup-content")
    popup.wait_for()
    assert PAYLOAD in popup.inner_text()
    assert "2" in popup.locator("dd").all_inner_texts()
    assert popup.locator("img").count() == 0
    assert dialogs == []
    assert page.evaluate("() => window.__xss") is None

    page.goto(f"/partners/n/{cast.ashfield.pk}/print/")
    assert page.get_by_role("button", name="Print this page").is_visible()
    assert_accessible(page)
