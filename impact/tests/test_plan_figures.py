"""A SARA plan's before/after figures are the impact engine's (issues 10 §8 and 13 "Per plan"): the plan page,
``impact.selectors.before_after`` and a stored impact run over the same area and windows give the same counts
and % change, and all three equal a hand count of the crimes the scene made, so they can never drift apart."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from crime.coverage import month_span
from impact.selectors import before_after
from impact.services import evaluate
from impact.stats import pct_change
from impact.tests.conftest import CATEGORIES, make_study
from problem_solving import services as plan_services
from problem_solving.evidence import plan_evidence
from problem_solving.tests.factories import make_plan

pytestmark = pytest.mark.django_db

BEFORE = (dt.date(2024, 1, 1), dt.date(2024, 6, 1))
AFTER = (dt.date(2024, 7, 1), dt.date(2024, 12, 1))


def _cell(body: str, cell_id: str) -> str:
    match = re.search(rf'id="{cell_id}">([^<]*)<', body)
    assert match, cell_id
    return match.group(1)


@pytest.mark.parametrize(
    ("outcome", "categories"), [("anti-social-behaviour", ["anti-social-behaviour"]), ("all-crime", [])]
)
def test_the_plan_page_the_engine_and_a_stored_study_give_the_same_figures(client, scene, outcome, categories):
    cast = scene.cast
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    plan = plan_services.plan_set_evidence(
        plan=plan,
        loaded_version=plan.version,
        actor=None,
        lsoas=[],
        categories=categories,
        intervention_start=dt.date(2024, 7, 20),
        evidence_months=6,
    )
    study = make_study(cast, plan=plan, outcomes=[outcome])
    run = evaluate(study)
    stored = run.results["outcomes"][outcome]["treated"]

    # Independently: the crimes the scene made in Ashfield, per window.
    wanted = set(categories or CATEGORIES)

    def by_hand(span: tuple[dt.date, dt.date]) -> int:
        months = set(month_span(*span))
        return sum(n for (code, m, c), n in scene.made.items() if code == "ASH" and m in months and c in wanted)

    hand = (by_hand(BEFORE), by_hand(AFTER))
    engine = before_after(before=BEFORE, after=AFTER, categories=categories or None, neighbourhoods=[cast.ashfield.pk])
    evidence = plan_evidence(plan)

    assert (evidence.before.start, evidence.before.end, evidence.after.start, evidence.after.end) == (*BEFORE, *AFTER)
    assert (evidence.before.total, evidence.after.total) == (engine.before.total, engine.after.total) == hand
    assert (stored["before"], stored["after"]) == hand
    assert evidence.change_percent == engine.pct_change == stored["pct_change"] == round(pct_change(*hand), 2)
    assert {row.slug: (row.before, row.after) for row in evidence.by_category} == {
        row.slug: (row.before, row.after) for row in engine.by_category
    }
    assert engine.comparable
    assert not engine.missing

    client.force_login(cast.olivia)
    body = client.get(reverse("problem_solving:detail", args=[plan.pk])).content.decode()
    assert (_cell(body, "evidence-before-total"), _cell(body, "evidence-after-total")) == tuple(map(str, hand))
    assert f"({stored['pct_change']:+.1f}%)" in body


def test_a_window_with_a_month_without_data_lists_it_and_has_no_change(scene):
    cast = scene.cast
    # December 2024 is the last month loaded: an after window to February 2025 has two missing months.
    engine = before_after(
        before=(dt.date(2024, 7, 1), dt.date(2024, 9, 1)),
        after=(dt.date(2024, 12, 1), dt.date(2025, 2, 1)),
        neighbourhoods=[cast.ashfield.pk],
    )
    assert engine.missing == [dt.date(2025, 1, 1), dt.date(2025, 2, 1)]
    assert engine.after.by_month[dt.date(2025, 1, 1)] is None  # missing, never 0
    assert engine.after.total == sum(
        n for (code, m, _), n in scene.made.items() if code == "ASH" and m.year == 2024 and m.month == 12
    )
    assert engine.change is None
    assert engine.pct_change is None
    assert all(row.pct_change is None for row in engine.by_category)
    # The months between the windows (October, November) are not the windows' and are not counted.
    assert engine.before.months == [dt.date(2024, 7, 1), dt.date(2024, 8, 1), dt.date(2024, 9, 1)]
