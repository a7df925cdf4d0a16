"""Issue 14: the partner portal's CSV exports neutralise formulas in every free-text and imported field."""

import datetime as dt

import pytest
from django.utils import timezone

from engagement.models import EngagementEvent
from partners.tests.test_portal import page, portal  # noqa: F401  (the portal fixture)
from tests.csv_checks import PAYLOADS, assert_formula_safe

pytestmark = pytest.mark.django_db


def test_every_partner_export_is_formula_safe(client, portal):  # noqa: F811
    portal.ashfield.name = PAYLOADS["at"]
    portal.ashfield.save()
    EngagementEvent.objects.create(
        neighbourhood=portal.ashfield,
        tier=1,
        kind="pact",
        title=PAYLOADS["eq"],
        starts_at=timezone.now() + dt.timedelta(days=2),
    )
    assert_formula_safe(page(client, portal.pat, "priorities-csv", portal.ashfield.pk), "=HYPERLINK(evil)")
    assert_formula_safe(page(client, portal.pat, "events-csv", portal.ashfield.pk), PAYLOADS["eq"])
    assert_formula_safe(page(client, portal.pat, "crime-csv", portal.ashfield.pk))
