"""Issue 14: the priorities register CSV neutralises formulas in every free-text and imported field."""

import pytest
from django.urls import reverse

from priorities.tests.factories import PriorityFactory
from tests.csv_checks import PAYLOADS, assert_formula_safe

pytestmark = pytest.mark.django_db


def test_the_register_csv_is_formula_safe(cast, client):
    cast.ashfield.name = PAYLOADS["at"]  # neighbourhood names come from imported files
    cast.ashfield.save()
    PriorityFactory(
        neighbourhood=cast.ashfield,
        title=PAYLOADS["eq"] + " parked cars on School Lane",
        location_text=PAYLOADS["plus"],
        time_pattern=PAYLOADS["minus"],
    )
    client.force_login(cast.olivia)
    rows = assert_formula_safe(
        client.get(reverse("priorities:register-csv")), PAYLOADS["at"], PAYLOADS["plus"], PAYLOADS["minus"]
    )
    assert len(rows) == 2
