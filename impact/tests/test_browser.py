"""An analyst's journey in Chromium: create a study for a SARA plan, run it (the impact.evaluate job, eager in
tests as on the Jobs page; a worker runs it in production), and read the results with their tables; axe on
every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps

from crime.coverage import month_span
from impact.models import ImpactRun, ImpactStudy
from tests.browser.conftest import assert_accessible, browser, login, page  # noqa: F401  (Chromium fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BEFORE = month_span(dt.date(2024, 1, 1), dt.date(2024, 6, 1))
AFTER = month_span(dt.date(2024, 7, 1), dt.date(2024, 12, 1))


def _total(made: dict, codes: set[str], months: list[dt.date]) -> int:
    return sum(
        n
        for (code, month, category), n in made.items()
        if code in codes and month in months and category == "anti-social-behaviour"
    )


def test_an_analyst_creates_a_study_runs_it_and_reads_the_results(scene: Any, page: Any) -> None:  # noqa: F811
    plan = apps.get_model("problem_solving", "Plan").objects.create(
        neighbourhood=scene.cast.ashfield, reference="TS-PS-2026-0011", title="Park ASB", owner_name="PC Olivia"
    )
    login(page, "ana")
    page.goto("/impact/new/")
    assert_accessible(page)
    page.get_by_label("Study name").fill("Park ASB response")
    page.get_by_label("SARA problem-solving plan (optional)").select_option(str(plan.pk))
    page.get_by_label("Before window starts").fill("2024-01")
    page.get_by_label("Before window ends").fill("2024-06")
    page.get_by_label("After window starts").fill("2024-07")
    page.get_by_label("After window ends").fill("2024-12")
    page.get_by_label("Anti-social behaviour", exact=True).check()
    page.get_by_label("All crime (including anti-social behaviour)").uncheck()
    page.get_by_role("button", name="Save the study").click()

    page.get_by_role("heading", level=1, name="Park ASB response").wait_for()
    study = ImpactStudy.objects.get(name="Park ASB response")
    assert (study.plan_id, study.treated) == (plan.pk, ["ASH"])  # the plan's neighbourhood is treated
    assert page.get_by_test_id("plan").get_by_role("link", name="TS-PS-2026-0011: Park ASB").is_visible()
    assert "Not evaluated yet" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="Evaluate now").click()
    page.locator(".govuk-tag", has_text="Succeeded").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Impact study").click()
    page.get_by_role("heading", level=1, name="Park ASB response").wait_for()
    run = ImpactRun.objects.get(study=study)
    assert run.status == ImpactRun.Status.COMPLETE

    # The result table, read from the page, against independent sums of the crimes the scene made.
    table = page.get_by_role("table", name="Anti-social behaviour: counts and % change")
    cells = {
        row.get_by_role("rowheader").inner_text(): [c.inner_text() for c in row.get_by_role("cell").all()]
        for row in table.locator("tbody tr").all()
    }
    for group, codes in (("Treated", {"ASH"}), ("Comparison", {"BRK", "COT"})):
        before, after = _total(scene.made, codes, BEFORE), _total(scene.made, codes, AFTER)
        assert cells[group] == [str(before), str(after), f"{100 * (after - before) / before:.2f}%"]
    main = page.locator("main").inner_text()
    model = run.results["outcomes"]["anti-social-behaviour"]["model"]
    assert f"{model['estimate']:.3f} (95% interval {model['ci_low']:.3f} to {model['ci_high']:.3f}" in main
    assert "Weighted Displacement Difference" in main
    assert "Not a randomised design" in main  # the caveats stand beside the figures
    assert "Source: police.uk" in main
    assert_accessible(page)

    page.get_by_role("link", name="Printable report").click()
    page.get_by_role("table", name="Anti-social behaviour: counts and % change").wait_for()
    assert page.get_by_role("button", name="Evaluate now").count() == 0
    assert_accessible(page)
