"""The impact pages: the form's GOV.UK errors, creating a study, the result page with method, caveats and
source, starting a run by POST, and force scoping."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse

from core.models import Job
from impact.models import ImpactStudy
from impact.services import evaluate
from impact.tests.conftest import make_study

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Ashfield posting",
    "unit": "neighbourhood",
    "vintage": "2021",
    "treated": "ASH",
    "comparison": "rest",
    "matches_per_area": "3",
    "before_start": "2024-01",
    "before_end": "2024-06",
    "after_start": "2024-07",
    "after_end": "2024-12",
    "outcomes": ["anti-social-behaviour"],
}


def test_the_form_names_each_field_in_its_error_summary(client, cast):
    client.force_login(cast.sam)
    bad = VALID | {"treated": "ASH, NOPE", "before_end": "2024-13", "after_start": "2024-05", "outcomes": []}
    page = unescape(client.post(reverse("impact:create"), bad).content.decode())
    assert "govuk-error-summary" in page
    assert "Treated areas: NOPE not found in Testshire Police" in page
    assert "Before window ends must be a year and month like 2024-07" in page
    assert "Select at least one outcome" in page
    assert not ImpactStudy.objects.exists()
    manual = VALID | {"comparison": "manual", "comparison_codes": "ASH"}
    page = unescape(client.post(reverse("impact:create"), manual).content.decode())
    assert "Comparison areas cannot also be treated: ASH" in page


def test_a_sergeant_creates_a_study_of_their_force(client, cast):
    client.force_login(cast.sam)
    response = client.post(reverse("impact:create"), VALID)
    study = ImpactStudy.objects.get()
    assert response.url == reverse("impact:study", args=[study.pk])
    assert study.force == cast.ashfield.force
    assert study.treated == ["ASH"]
    assert study.before_start == dt.date(2024, 1, 1)
    assert study.created_by == cast.sam


def test_the_result_page_states_figures_method_caveats_and_source(client, scene, django_assert_max_num_queries):
    study = make_study(scene.cast)
    run = evaluate(study)
    client.force_login(scene.cast.olivia)
    with django_assert_max_num_queries(15):
        page = unescape(client.get(reverse("impact:study", args=[study.pk])).content.decode())
    asb = run.results["outcomes"]["anti-social-behaviour"]
    assert f"{asb['treated']['pct_change']:.2f}%" in page
    assert f"{asb['did_pct_points']:.2f} points" in page
    assert "Weighted Displacement Difference" in page
    assert "Method" in page
    assert "Regression to the mean" in page
    assert "Source: police.uk" in page
    assert "July 2024 to December 2024" in page
    assert "Evaluate now" not in page  # an officer reads; sergeants and up run


def test_evaluate_is_a_post_that_queues_the_job(client, cast, django_capture_on_commit_callbacks):
    study = make_study(cast)
    client.force_login(cast.ana)
    response = client.post(reverse("impact:evaluate", args=[study.pk]), {"confirm_gaps": "yes"})
    job = Job.objects.get(kind="impact.evaluate")
    assert response.url == reverse("geography:job-detail", args=[job.pk])
    assert job.params == {"study": study.pk, "confirm_gaps": True}
    client.force_login(cast.olivia)
    assert client.post(reverse("impact:evaluate", args=[study.pk])).status_code == 403


def test_studies_are_scoped_to_the_readers_force(client, cast):
    mine = make_study(cast)
    theirs = ImpactStudy.objects.create(
        force=cast.elsewhere.force,
        name="Elsewhere study",
        treated=["ELS"],
        before_start=dt.date(2024, 1, 1),
        before_end=dt.date(2024, 6, 1),
        after_start=dt.date(2024, 7, 1),
        after_end=dt.date(2024, 12, 1),
        outcomes=["all-crime"],
    )
    client.force_login(cast.olivia)
    page = client.get(reverse("impact:list")).content.decode()
    assert mine.name in page
    assert theirs.name not in page
    client.force_login(cast.ada)
    assert theirs.name in client.get(reverse("impact:list")).content.decode()


def test_the_api_reads_studies_of_the_readers_force_with_their_latest_run(client, scene, django_assert_max_num_queries):
    study = make_study(scene.cast)
    evaluate(study)
    run = evaluate(study)  # the newer run is the one shown
    make_study(scene.cast, name="Second")
    client.force_login(scene.cast.olivia)
    with django_assert_max_num_queries(8):
        body = client.get(reverse("api-impact:study-list")).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert {row["name"] for row in rows} == {"Ashfield posting", "Second"}
    detail = client.get(reverse("api-impact:study-detail", args=[study.pk])).json()
    assert detail["latest_run"]["id"] == run.pk
    assert (
        detail["latest_run"]["results"]["outcomes"]["anti-social-behaviour"]["wdd"]
        == (run.results["outcomes"]["anti-social-behaviour"]["wdd"])
    )
