"""Issue 9 plan, guide 1484–1489: axe on the plan page with its audit of participation mechanisms first, the edit
page, and the add form's error summary linked to its field, in Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from engagement.mechanism_services import mechanism_record
from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_audit_pages_pass_axe_and_an_error_is_linked_to_its_field(cast: Any, page: Any) -> None:
    mechanism = mechanism_record(
        neighbourhood=cast.ashfield,
        values={"name": "Ashfield PACT meeting", "kind": "pact", "run_by": "police", "frequency": "Monthly"},
        actor=None,
    )
    login(page, "sam")
    for url in (f"/engagement/plan/{cast.ashfield.pk}/", f"/engagement/plan/mechanisms/{mechanism.pk}/"):
        response = page.goto(url)
        assert response.status == 200, url
        assert_accessible(page)
    page.goto(f"/engagement/plan/{cast.ashfield.pk}/")
    assert "Not yet assessed" in page.get_by_role("table", name="Existing participation mechanisms").inner_text()
    page.get_by_text("Add a participation mechanism").click()
    page.get_by_role("button", name="Add the mechanism").click()
    summary = page.locator(".govuk-error-summary")
    assert "what it is" in summary.inner_text().lower()
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") == "name"
