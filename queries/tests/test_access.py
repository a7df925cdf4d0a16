"""Who sees what: partners and the public never see a sender's details; only the team works a query."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from queries.models import Query
from queries.services import query_reassign
from queries.tests.conftest import submit


def test_a_partner_sees_only_what_was_passed_to_them_and_never_the_sender(client: Any, cast: Any, named: Any) -> None:
    shared = submit(cast, consent_share=True, message="Fly-tipping behind the shops")
    private = submit(cast, consent_share=False, message="Private worry")
    not_passed = submit(cast)
    organisation = cast.pat.organisation
    query_reassign(query=shared, to_partner=organisation, actor=cast.olivia)
    query_reassign(query=private, to_partner=organisation, actor=cast.olivia)
    client.force_login(cast.pat)
    body = client.get(reverse("queries:detail", args=[shared.pk])).content.decode()
    assert "Fly-tipping behind the shops" in body
    assert "rita@example.com" not in body
    assert "Rita Resident" not in body
    body = client.get(reverse("queries:detail", args=[private.pk])).content.decode()
    assert "Private worry" not in body
    assert "rita@example.com" not in body
    assert client.get(reverse("queries:detail", args=[not_passed.pk])).status_code == 404
    queue = client.get(reverse("queries:queue")).content.decode()
    assert shared.reference in queue
    assert not_passed.reference not in queue
    api = client.get(reverse("api-queries:query-list")).json()
    assert {row["reference"] for row in api["results"]} == {shared.reference, private.reference}
    assert all("sender_email" not in row for row in api["results"])
    assert {row["reference"]: row["message"] for row in api["results"]}[private.reference] is None
    # A partner cannot work it.
    response = client.post(reverse("queries:acknowledge", args=[shared.pk]), {"version": shared.version})
    assert response.status_code == 403


def test_police_see_the_sender_and_the_team_works_the_query(client: Any, cast: Any, named: Any) -> None:
    query = submit(cast)
    client.force_login(cast.ian)  # inspector: reads, does not work
    body = client.get(reverse("queries:detail", args=[query.pk])).content.decode()
    assert "rita@example.com" in body
    assert client.post(reverse("queries:acknowledge", args=[query.pk]), {"version": 1}).status_code == 403
    client.force_login(cast.olivia)
    response = client.post(reverse("queries:acknowledge", args=[query.pk]), {"version": 1})
    assert response.status_code == 302
    query.refresh_from_db()
    assert query.status == Query.Status.ACKNOWLEDGED


def test_a_stale_form_does_not_overwrite(client: Any, cast: Any, named: Any) -> None:
    query = submit(cast)
    client.force_login(cast.olivia)
    client.post(reverse("queries:reply", args=[query.pk]), {"version": 1, "channel": "email", "message": "First"})
    response = client.post(reverse("queries:close", args=[query.pk]), {"version": 1, "outcome": "answered"})
    assert response.status_code == 400
    assert "changed by" in response.content.decode()
    query.refresh_from_db()
    assert query.status == Query.Status.ANSWERED


def test_the_public_and_other_forces_cannot_reach_queries(client: Any, cast: Any, named: Any) -> None:
    query = submit(cast)
    response = client.get(reverse("queries:detail", args=[query.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert client.get(reverse("api-queries:query-detail", args=[query.pk])).status_code == 403


def test_the_oversight_flags_a_neighbourhood_without_a_named_officer(client: Any, cast: Any, named: Any) -> None:
    client.force_login(cast.sam)
    body = client.get(reverse("queries:queue")).content.decode()
    # Sam's team covers Ashfield (named: Olivia) and Brookside (no one).
    assert "1 neighbourhood with no published named officer" in body
    assert "Brookside" in body
    client.force_login(cast.olivia)  # an officer has no oversight panel
    assert "no published named officer" not in client.get(reverse("queries:queue")).content.decode()


def test_the_queue_lists_a_page_of_queries_in_few_database_queries(
    client: Any, cast: Any, named: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        submit(cast, message=f"Message {n}")
    client.force_login(cast.sam)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("queries:queue"))
    assert response.content.decode().count("/queries/") >= 12


def test_the_link_form_offers_the_neighbourhoods_sara_plans_and_the_query_page_links_the_plan(
    client: Any, cast: Any, named: Any
) -> None:
    from django.apps import apps

    plan_model = apps.get_model("problem_solving", "Plan")
    plan = plan_model.objects.create(neighbourhood=cast.ashfield, reference="TS-PS-2026-0009", title="Field bikes")
    other = plan_model.objects.create(neighbourhood=cast.brookside, reference="TS-PS-2026-0010", title="Other area")
    query = submit(cast)
    client.force_login(cast.olivia)
    refused = client.post(reverse("queries:link", args=[query.pk]), {"version": 1, "plan": other.pk})
    assert refused.status_code == 400
    assert "Select a plan from the list" in refused.content.decode()
    response = client.post(reverse("queries:link", args=[query.pk]), {"version": 1, "plan": plan.pk})
    assert response.status_code == 302
    query.refresh_from_db()
    assert query.plan == plan
    body = client.get(reverse("queries:detail", args=[query.pk])).content.decode()
    assert reverse("problem_solving:detail", args=[plan.pk]) in body
    assert "TS-PS-2026-0009: Field bikes" in body
