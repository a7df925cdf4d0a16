"""Migration 0005 turns typed SARA plan references into a real link (Query.plan, a FK to problem_solving.Plan).

Migrates queries back to 0004 with Django's MigrationExecutor, writes rows through the historical models (no
``plan`` column yet), migrates forward and reads the link. Transactional: migrations alter the schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from problem_solving.tests.factories import make_plan
from queries.models import Query

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("queries", "0004_named_officer_permissions")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()  # the previous migrate changed what is applied
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_0005_links_a_typed_reference_to_its_plan_and_keeps_what_it_cannot_match(cast: Any) -> None:
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia, title="Mill Lane bikes")
    other = make_plan(neighbourhood=cast.brookside, actor=cast.sam, title="Brookside plan")
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        OldQuery = old.get_model("queries", "Query")
        assert "plan" not in {f.name for f in OldQuery._meta.get_fields()}
        now = timezone.now()

        made: list[int] = []

        def typed(reference: str, hood: Any) -> int:
            made.append(1)
            return OldQuery.objects.create(
                # Short and unique whatever the ids have grown to in a long run (the field holds 16 characters).
                reference=f"Q-MIG-{len(made)}",
                neighbourhood_id=hood.pk,
                topic="asb",
                message="Bikes",
                reply_by="email",
                received_at=now,
                due_at=now + dt.timedelta(hours=72),
                plan_reference=reference,
            ).pk

        matched = typed(f"  {plan.reference.lower()} ", cast.ashfield)  # case and spaces as a person types
        unmatched = typed("the bikes plan", cast.ashfield)
        elsewhere = typed(other.reference, cast.ashfield)  # another neighbourhood's plan: never linked
        blank = typed("", cast.ashfield)
    finally:
        _migrate(leaves)

    rows = {q.pk: q for q in Query.objects.filter(pk__in=[matched, unmatched, elsewhere, blank])}
    assert Query._meta.get_field("plan").related_model._meta.label == "problem_solving.Plan"
    assert rows[matched].plan_id == plan.pk
    assert rows[matched].plan_reference == ""
    assert rows[unmatched].plan_id is None
    assert rows[unmatched].plan_reference == "the bikes plan"
    assert rows[elsewhere].plan_id is None
    assert rows[elsewhere].plan_reference == other.reference
    assert rows[blank].plan_id is None
    assert list(plan.queries.values_list("pk", flat=True)) == [matched]
