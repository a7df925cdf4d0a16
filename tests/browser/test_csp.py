"""Issue 14: the Content-Security-Policy refuses inline script without the nonce, and breaks none of our pages.

The ``page`` fixture fails any browser test whose page logs a CSP refusal; here the key pages are visited
for that alone, and a control shows the policy really refuses an un-nonced inline script (so the listener
is not passing because nothing is ever reported).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import login
from tests.key_pages import key_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_policy_refuses_an_inline_script_without_the_nonce(cast: Any, page: Any, csp_violations: list[str]) -> None:
    login(page, "olivia")
    page.goto("/")
    # The nonce'd inline switch ran; GOV.UK Frontend's nonce'd module start-up ran.
    assert page.evaluate("document.body.classList.contains('js-enabled')")
    page.wait_for_function("() => document.body.classList.contains('govuk-frontend-supported')")
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__injected = 1';
                   document.body.appendChild(s); }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__injected") is None
    assert any("inline script" in line and "Content Security Policy" in line for line in csp_violations), csp_violations
    csp_violations.clear()  # the control's refusal is the expected one


def test_no_key_page_reports_a_violation_and_the_maps_draw(cast: Any, page: Any, csp_violations: list[str]) -> None:
    pages = key_pages(cast)
    signed_in = None
    for username, url in pages:
        if username != signed_in:
            page.context.clear_cookies()
            login(page, username)
            signed_in = username
        page.goto(url)
        page.wait_for_load_state("load")
        assert not csp_violations, (username, url, csp_violations)
    # A map page: Leaflet (started by the nonce'd django-leaflet snippet) drew the neighbourhood.
    page.context.clear_cookies()
    login(page, "olivia")
    page.goto(f"/geography/neighbourhoods/{cast.ashfield.pk}/")
    page.wait_for_selector(".leaflet-container path.leaflet-interactive", state="attached")
    assert not csp_violations


def test_the_admin_reports_no_violation(cast: Any, page: Any, csp_violations: list[str]) -> None:
    cast.ada.is_staff = cast.ada.is_superuser = True
    cast.ada.save()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    for url in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{cast.olivia.pk}/change/"):
        page.goto(url)
        page.wait_for_load_state("load")
    assert not csp_violations
