"""The partner portal: scope, tier (and the agreement that gates it), read-only, CSV exports logged."""

import csv
import datetime as dt
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from core.roles import Role
from crime.models import Crime
from engagement.models import EngagementEvent
from priorities.models import Priority, PriorityUpdate
from tests.factories import PartnerOrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def active(hood, tier, title):
    return Priority.objects.create(
        neighbourhood=hood,
        tier=tier,
        title=title,
        status="active",
        echr_checked=True,
        echr_note="Proportionate",
        activated_on=dt.date(2026, 3, 1),
    )


@pytest.fixture
def portal(cast):
    soon = timezone.now() + dt.timedelta(days=3)
    for tier, word in ((0, "Public"), (1, "Partner"), (2, "Police")):
        p = active(cast.ashfield, tier, f"{word} priority")
        PriorityUpdate.objects.create(priority=p, on=dt.date(2026, 4, 1), action=f"{word} action", progress="some")
        EngagementEvent.objects.create(
            neighbourhood=cast.ashfield, tier=tier, kind="pact", title=f"{word} event", starts_at=soon
        )
    active(cast.brookside, 0, "Brookside priority")
    active(cast.ashfield, 1, "=HYPERLINK(evil)")
    Crime.objects.create(
        key=uuid.uuid4(),
        month=dt.date(2026, 2, 1),
        reported_by="Testshire Police",
        falls_within="Testshire Police",
        category="burglary",
        neighbourhood=cast.ashfield,
    )
    return cast


def page(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(f"partners:{name}", args=args))


def test_a_partner_sees_public_and_partner_tiers_of_their_areas_only(client, portal):
    index = page(client, portal.pat, "index").content.decode()
    assert "Ashfield" in index
    assert "Brookside" not in index
    body = page(client, portal.pat, "neighbourhood", portal.ashfield.pk).content.decode()
    for word in (
        "Public priority",
        "Partner priority",
        "Public action",
        "Partner action",
        "Public event",
        "Partner event",
    ):
        assert word in body
    assert "Police" + " priority" not in body
    assert "Police action" not in body
    assert "Police event" not in body


def test_another_organisations_area_is_not_found(client, portal):
    assert page(client, portal.pat, "neighbourhood", portal.brookside.pk).status_code == 404
    assert page(client, portal.pat, "priorities-csv", portal.elsewhere.pk).status_code == 404
    other = PartnerOrganisationFactory(name="Brookside Housing", force=portal.force)
    other.neighbourhoods.add(portal.brookside)
    bob = UserFactory(username="bob", role=Role.PARTNER, organisation=other)
    assert page(client, bob, "neighbourhood", portal.ashfield.pk).status_code == 404
    assert "Brookside priority" in page(client, bob, "neighbourhood", portal.brookside.pk).content.decode()


def test_an_expired_agreement_cuts_the_partner_tier(client, portal):
    organisation = portal.pat.organisation
    organisation.agreement_ends = timezone.localdate() - dt.timedelta(days=1)
    organisation.save()
    body = page(client, portal.pat, "neighbourhood", portal.ashfield.pk).content.decode()
    assert "Public priority" in body
    assert "Partner priority" not in body
    assert "Partner event" not in body
    assert "not in force" in body


def test_crime_counts_state_source_and_missing_months(client, portal):
    body = page(client, portal.pat, "neighbourhood", portal.ashfield.pk).content.decode()
    assert "data.police.uk" in body
    assert "February 2026" in body
    rows = list(csv.reader(io.StringIO(page(client, portal.pat, "crime-csv", portal.ashfield.pk).content.decode())))
    assert rows[-1][:2] == ["2026-02", "1"]
    assert any(row[1] == "" and row[2] == "no data" for row in rows[1:-1])  # missing, never 0


def test_csv_exports_are_tier_filtered_formula_safe_and_logged(client, portal):
    response = page(client, portal.pat, "priorities-csv", portal.ashfield.pk)
    text = response.content.decode()
    assert "Partner priority" in text
    assert "Police priority" not in text
    assert "'=HYPERLINK(evil)" in text
    events = page(client, portal.pat, "events-csv", portal.ashfield.pk).content.decode()
    assert "Partner event" in events
    assert "Police event" not in events
    logged = AuditEvent.objects.filter(verb=AuditEvent.Verb.PARTNER_EXPORTED, actor=portal.pat)
    assert sorted(e.data["export"] for e in logged) == ["events", "priorities"]


@pytest.mark.parametrize("user", ["olivia", "sam", "ian", "ana", "ada", "nobody"])
def test_only_partners_reach_the_portal(client, portal, user):
    assert page(client, getattr(portal, user), "index").status_code == 403


def test_the_portal_is_read_only(client, portal):
    client.force_login(portal.pat)
    for name, args in (
        ("index", []),
        ("neighbourhood", [portal.ashfield.pk]),
        ("priorities-csv", [portal.ashfield.pk]),
    ):
        assert client.post(reverse(f"partners:{name}", args=args)).status_code == 405


def test_the_neighbourhood_page_makes_a_fixed_number_of_queries(client, portal, django_assert_max_num_queries):
    for i in range(5):
        p = active(portal.ashfield, 0, f"Extra {i}")
        PriorityUpdate.objects.create(priority=p, on=dt.date(2026, 4, 1), action="Done", progress="some")
    client.force_login(portal.pat)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("partners:neighbourhood", args=[portal.ashfield.pk])).status_code == 200


def test_the_neighbourhood_page_shows_shared_plans_only_as_partner_summaries(client, cast):
    """Partner-tier, non-draft plans of the partner's area appear without intelligence or analysis (issue 10/12)."""
    from problem_solving.models import Plan, PlanAction
    from problem_solving.tests.factories import complete, make_plan

    shared = complete(make_plan(neighbourhood=cast.ashfield, actor=cast.olivia, title="Shared mill plan"))
    PlanAction.objects.create(
        plan=shared,
        kind="intelligence",
        description="Secret intel action",
        owner_name="PC",
        due_on=timezone.localdate(),
        intelligence_urn="INT/99",
    )
    complete(make_plan(neighbourhood=cast.ashfield, actor=cast.olivia, title="Police only plan"))
    Plan.objects.filter(pk=shared.pk).update(tier=1, status=Plan.Status.APPROVED, hypothesis="Private hypothesis")
    body = page(client, cast.pat, "neighbourhood", cast.ashfield.pk).content.decode()
    assert "Shared mill plan" in body
    assert shared.reference in body
    assert "Police only plan" not in body
    assert "Secret intel action" not in body
    assert "INT/99" not in body
    assert "Private hypothesis" not in body
