"""Working a query: reassignment stays in the team (or a covering partner), links stay in the neighbourhood."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from queries.models import Query
from queries.services import query_close, query_link, query_reassign, query_to_concern
from queries.tests.conftest import submit
from tests.factories import PartnerOrganisationFactory, UserFactory


def test_it_reassigns_within_the_team_only(cast: Any, named: Any) -> None:
    query = submit(cast)
    query_reassign(query=query, to_user=cast.owen, actor=cast.olivia)
    query.refresh_from_db()
    assert query.assigned_to == cast.owen
    stranger = UserFactory(username="stranger", force=cast.force)
    with pytest.raises(ValidationError):
        query_reassign(query=query, to_user=stranger, actor=cast.olivia)
    elsewhere = PartnerOrganisationFactory(force=cast.force)  # covers no neighbourhood
    with pytest.raises(ValidationError):
        query_reassign(query=query, to_partner=elsewhere, actor=cast.olivia)


def test_it_turns_a_query_into_a_concern_once(cast: Any, named: Any) -> None:
    query = submit(cast)
    concern = query_to_concern(query=query, text="Motorbikes on the field", actor=cast.olivia)
    stored = apps.get_model("engagement", "Concern").objects.get()
    assert stored == concern
    assert stored.source == "other"
    assert stored.text == "Motorbikes on the field"
    query.refresh_from_db()
    assert query.concern_id == stored.pk
    with pytest.raises(ValidationError):
        query_to_concern(query=query, text="again", actor=cast.olivia)


def test_it_links_a_priority_of_the_same_neighbourhood_and_a_plan(cast: Any, named: Any) -> None:
    priority_model = apps.get_model("priorities", "Priority")
    own = priority_model.objects.create(neighbourhood=cast.ashfield, title="ASB on the field")
    other = priority_model.objects.create(neighbourhood=cast.brookside, title="Elsewhere")
    query = submit(cast)
    with pytest.raises(ValidationError):
        query_link(query=query, priority=other, actor=cast.olivia)
    # problem_solving.Plan by app label: feature apps' tests do not import each other's models either.
    plan_model = apps.get_model("problem_solving", "Plan")
    plan = plan_model.objects.create(neighbourhood=cast.ashfield, reference="TS-PS-2026-0001", title="Field ASB")
    elsewhere = plan_model.objects.create(neighbourhood=cast.brookside, reference="TS-PS-2026-0002", title="Other")
    with pytest.raises(ValidationError):
        query_link(query=query, plan=elsewhere, actor=cast.olivia)
    query_link(query=query, priority=own, plan=plan, actor=cast.olivia)
    query.refresh_from_db()
    assert (query.priority, query.plan) == (own, plan)
    assert list(plan.queries.all()) == [query]


def test_closing_records_the_outcome(cast: Any, named: Any) -> None:
    query = submit(cast)
    query_close(query=query, outcome=Query.Outcome.NO_ACTION, note="Duplicate", actor=cast.olivia)
    query.refresh_from_db()
    assert (query.status, query.outcome, query.outcome_note) == ("closed", "no_action", "Duplicate")
    assert query.closed_at is not None
