"""The Jobs page in Chromium: every job with who started it and what it changed, a start button, axe, 390 px."""

from __future__ import annotations

from typing import Any

import pytest

from core.models import Job
from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lists_jobs_and_starts_one_from_the_web(cast: Any, page: Any) -> None:
    imported = Job.objects.create(
        kind="import_imd",
        origin=Job.Origin.COMMAND,
        params={"path": "/data/iod/imd2019.csv.gz", "edition": 2019, "skip_invalid": False},
    )
    imported.succeed({"source": "imd2019.csv.gz", "read": 3, "imported": 3, "rejected": {"bad rank": 0}})
    refresh = Job.objects.create(kind="profiles.refresh", origin=Job.Origin.FOLLOW_UP, parent=imported)
    refresh.fail("Stopped without finishing: the process running it ended. Run it again.")

    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "ana")
    page.goto("/geography/jobs/")
    first = page.locator(f"#job-{imported.pk}-card")
    assert "Command line" in first.inner_text()
    assert "Edition: 2019" in first.inner_text()
    assert first.get_by_role("link", name="Neighbourhoods").is_visible()  # what it changed
    second = page.locator(f"#job-{refresh.pk}-card")
    assert f"Follow-up of job #{imported.pk}" in second.inner_text()
    assert "Failed: Stopped without finishing" in second.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    page.get_by_role("button", name="Link crimes to neighbourhoods").click()
    page.get_by_role("heading", level=1, name="Link crimes to neighbourhoods").wait_for()
    page.locator(".govuk-tag", has_text="Succeeded").wait_for()  # eager in tests; a worker runs it in production
    started = Job.objects.get(kind="crime.relink")
    assert (started.origin, started.created_by) == (Job.Origin.WEB, cast.ana)
    assert page.url.endswith(f"/geography/jobs/{started.pk}/")
    main = page.locator("main").inner_text()
    assert "Ana" in main
    assert "Refresh profile figures" in main  # its follow-up, linked from here
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
