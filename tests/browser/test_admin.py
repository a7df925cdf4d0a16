"""The admin (issue 6 item 15): NPT's header, and no serious or critical axe findings on the pages we configure."""

from __future__ import annotations

from typing import Any

import pytest

from core.models import AuditEvent, Job
from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Django builds some widgets on window load, and static/npt/admin.js names them one turn later: wait for both.
_SETTLED = """() => new Promise((done) => {
  const later = () => setTimeout(done, 50);
  if (document.readyState === 'complete') later(); else window.addEventListener('load', later);
})"""


@pytest.fixture
def admin_pages(cast: Any) -> dict[str, str]:
    cast.ada.is_staff = True
    cast.ada.is_superuser = True
    cast.ada.save()
    event = AuditEvent.objects.create(actor=cast.olivia, verb="profile.started", target_id="1", data={"a": 1})
    job = Job.objects.create(kind="import_neighbourhoods", created_by=cast.ana)
    return {
        "index": "/admin/",
        "audit changelist": "/admin/core/auditevent/",
        "audit event": f"/admin/core/auditevent/{event.pk}/change/",
        "job change form": f"/admin/core/job/{job.pk}/change/",
        "user change form": f"/admin/accounts/user/{cast.olivia.pk}/change/",
        "team changelist": "/admin/accounts/team/",
    }


def test_the_admin_pages_we_configure_pass_axe(admin_pages: dict[str, str], page: Any) -> None:
    login(page, "ada")
    for url in admin_pages.values():
        page.goto(url)
        page.evaluate(_SETTLED)
        assert_accessible(page)


def test_the_admin_has_the_npt_header(admin_pages: dict[str, str], page: Any) -> None:
    login(page, "ada")
    page.goto(admin_pages["index"])
    assert page.locator("#site-name").inner_text().startswith("NPT — Neighbourhood Policing Tool")
    assert page.title() == "Site administration – NPT administration"
    page.goto(admin_pages["audit changelist"])
    colours = page.evaluate(
        """() => ({
          header: getComputedStyle(document.getElementById('header')).backgroundColor,
          crumbs: getComputedStyle(document.querySelector('div.breadcrumbs')).backgroundColor,
        })"""
    )
    assert colours == {"header": "rgb(19, 41, 75)", "crumbs": "rgb(11, 26, 49)"}  # #13294b, #0b1a31 as the app
