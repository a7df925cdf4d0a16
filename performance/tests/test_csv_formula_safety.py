"""Issue 14: the performance exports neutralise formulas in team, neighbourhood and force names."""

from typing import Any

import pytest
from django.urls import reverse

from accounts.models import Team
from performance.tests.conftest import Scene
from tests.csv_checks import PAYLOADS, assert_formula_safe

pytestmark = pytest.mark.django_db

PERIOD = {"months": "3", "ending": "2026-03"}


def test_the_force_and_neighbourhood_exports_are_formula_safe(client: Any, scene: Scene) -> None:
    cast = scene.cast
    Team.objects.filter(name="Ashfield and Brookside NPT").update(name=PAYLOADS["eq"])
    cast.cottam.name = PAYLOADS["minus"]
    cast.cottam.save()
    cast.force.name = PAYLOADS["plus"]
    cast.force.save()
    client.force_login(cast.ian)
    assert_formula_safe(client.get(reverse("performance:force-csv", args=[cast.force.pk]), PERIOD), PAYLOADS["eq"])
    assert_formula_safe(
        client.get(reverse("performance:neighbourhood-csv", args=[cast.cottam.pk]), PERIOD), PAYLOADS["minus"]
    )
