"""Issue 14: the deployment ranking CSV neutralises formulas in names and notes from imported files."""

import pytest
from django.urls import reverse

from deployment.scoring import run_scores
from tests.csv_checks import PAYLOADS, assert_formula_safe

pytestmark = pytest.mark.django_db


def test_the_ranking_csv_is_formula_safe(client, scene):
    scene.cast.ashfield.name = PAYLOADS["eq"]
    scene.cast.ashfield.save()
    scene.cast.brookside.name = PAYLOADS["tab"]
    scene.cast.brookside.save()
    run = run_scores(method=scene.imd_only, force=scene.cast.force)
    client.force_login(scene.cast.ana)
    rows = assert_formula_safe(
        client.get(reverse("deployment:run-csv", args=[run.pk])), PAYLOADS["eq"], PAYLOADS["tab"]
    )
    assert any(row[:1] == ["rank"] for row in rows)
