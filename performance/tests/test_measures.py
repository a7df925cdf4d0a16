"""Each measure on the hand-built scene, the roll-ups against hand sums, and missing never 0 (issue 15)."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crime.models import CrimeRelease
from performance.compute import NO_INPUT, NOT_BUILT, NOT_RECORDED, Value, compute
from performance.registry import BY_KEY, MEASURES, Unit
from performance.tests.conftest import NOW, PERIOD, Scene
from queries.selectors import query_measures
from tests.factories import NeighbourhoodFactory, TeamFactory

pytestmark = pytest.mark.django_db


def _ids(scene: Scene) -> dict[str, int]:
    c = scene.cast
    return {"ash": c.ashfield.pk, "brk": c.brookside.pk, "cot": c.cottam.pk}


def _expected(measure: str, tallies: list[tuple[float, float | None] | None]) -> tuple[float | None, float, float]:
    present = [t for t in tallies if t is not None]
    num = sum(t[0] for t in present)
    den = sum(t[1] or 0 for t in present)
    unit = BY_KEY[measure].unit
    if not present or (unit != Unit.COUNT and not den):
        return None, num, den
    if unit == Unit.COUNT:
        return num, num, den
    return (num / den if unit == Unit.SHARE else (num - den) / den), num, den


@pytest.mark.parametrize("measure", [m.key for m in MEASURES if not m.plugin])
@pytest.mark.parametrize("area", [("ash",), ("brk",), ("cot",), ("ash", "brk"), ("ash", "brk", "cot")])
def test_each_measure_matches_the_hand_count(scene: Scene, measure: str, area: tuple[str, ...]) -> None:
    ids = _ids(scene)
    results = compute(ids.values(), PERIOD, now=NOW)
    value = results.value(measure, [ids[a] for a in area])
    expected, num, den = _expected(measure, [scene.expected[measure][a] for a in area])
    if expected is None:
        assert value.value is None, f"{measure} for {area} should be missing, not {value.value}"
        assert value.missing
    else:
        assert value.value == pytest.approx(expected)
        assert value.numerator == num
        if BY_KEY[measure].unit != Unit.COUNT:
            assert value.denominator == den
    assert value.covered == sum(1 for a in area if scene.expected[measure][a] is not None)
    assert value.of == len(area)


def test_team_and_force_roll_ups_equal_the_sum_of_their_neighbourhoods(scene: Scene) -> None:
    ids = _ids(scene)
    results = compute(ids.values(), PERIOD, now=NOW)
    team = [ids["ash"], ids["brk"]]
    for measure in [m for m in MEASURES if not m.plugin]:
        for group in (team, list(ids.values())):
            parts = [results.value(measure.key, [pk]) for pk in group]
            rolled = results.value(measure.key, group)
            present = [p for p in parts if p.numerator is not None]
            if not present:
                assert rolled.value is None
                continue
            assert rolled.numerator == sum(p.numerator or 0 for p in present), measure.key
            if measure.unit != Unit.COUNT and rolled.value is not None:
                assert rolled.denominator == sum(p.denominator or 0 for p in present), measure.key


def test_missing_is_not_zero(scene: Scene) -> None:
    ids = _ids(scene)
    value = compute([ids["brk"]], PERIOD, now=NOW).value("queries_72h", [ids["brk"]])
    assert value.value is None
    assert value.missing == NO_INPUT
    assert "missing" in value.display
    assert "0" not in value.display


def test_queries_figure_is_the_queries_apps_own_measure(scene: Scene) -> None:
    ids = _ids(scene)
    team = [ids["ash"], ids["brk"]]
    ours = compute(team, PERIOD, now=NOW).value("queries_72h", team)
    theirs = query_measures([scene.cast.ashfield, scene.cast.brookside], PERIOD.start_at, PERIOD.end_at, now=NOW)
    assert (ours.numerator, ours.denominator) == (theirs.answered_in_time, theirs.measurable)


def test_crime_trend_is_missing_when_a_month_has_no_data(scene: Scene) -> None:
    CrimeRelease.objects.filter(month__year=2026, month__month=3).delete()
    ids = _ids(scene)
    value = compute(ids.values(), PERIOD, now=NOW).value("crime_trend", ids.values())
    assert value.value is None
    assert value.missing.startswith("missing: no police.uk data for 1 month")


def test_plugged_in_measures_with_nothing_to_count_are_missing_not_zero(scene: Scene) -> None:
    # The scene has no SARA actions or reviews and no impact results: each such measure is missing, with the
    # reason (not built, not recorded, or nothing recorded to measure), never 0.
    ids = _ids(scene)
    results = compute(ids.values(), PERIOD, now=NOW)
    for measure in [m for m in MEASURES if m.plugin and m.key != "plans_approved"]:
        value = results.value(measure.key, ids.values())
        assert value.value is None, measure.key
        assert value.missing in (NOT_BUILT, NOT_RECORDED) or value.missing.startswith("missing:"), measure.key


def test_plans_approved_reads_the_sara_app_over_the_same_active_priorities(scene: Scene) -> None:
    """SARA is built: the share's denominator is the priorities active at the period's end (no plans here)."""
    ids = _ids(scene)
    results = compute(ids.values(), PERIOD, now=NOW)
    plans = results.value("plans_approved", ids.values())
    active = results.value("priorities_up_to_date", ids.values())
    assert plans.missing == ""
    assert (plans.numerator, plans.denominator) == (0, active.denominator)
    assert active.denominator
    assert active.denominator > 0


def test_a_plugged_in_source_is_read(scene: Scene, monkeypatch: Any) -> None:
    ids = _ids(scene)
    fake = types.ModuleType("impact.selectors")

    def tallies(*, key: str, neighbourhood_ids: list[int], period: Any) -> dict[int, tuple[int, int]]:
        return {ids["ash"]: (1, 4), ids["brk"]: (2, 2)}

    fake.performance_tallies = tallies  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "impact", types.ModuleType("impact"))
    monkeypatch.setitem(sys.modules, "impact.selectors", fake)
    value: Value = compute(ids.values(), PERIOD, now=NOW).value("impact_results", ids.values())
    assert (value.numerator, value.denominator, value.covered) == (3, 6, 2)


def _queries_for(n_teams: int, cast: Any) -> int:
    ids = [cast.ashfield.pk, cast.brookside.pk, cast.cottam.pk]
    for i in range(n_teams):
        team = TeamFactory(name=f"Team {n_teams}-{i}", force=cast.force)
        extra = [NeighbourhoodFactory(force=cast.force, code=f"X{n_teams}-{i}-{j}") for j in range(3)]
        team.neighbourhoods.add(*extra)
        ids += [n.pk for n in extra]
    with CaptureQueriesContext(connection) as captured:
        results = compute(ids, PERIOD, now=NOW)
        results.values(ids)
    return len(captured)


def test_query_count_does_not_grow_with_neighbourhoods(scene: Scene) -> None:
    assert _queries_for(1, scene.cast) == _queries_for(10, scene.cast)


@pytest.mark.parametrize("key", ["actions_on_time", "plans_reviewed"])
def test_sara_punctuality_measures_follow_the_sara_selector(scene: Scene, key: str) -> None:
    """Whatever the SARA app answers today: None is "not available" (never 0); tallies are summed as given."""
    from problem_solving import selectors as sara

    ids = _ids(scene)
    answer = sara.performance_tallies(key=key, neighbourhood_ids=list(ids.values()), period=PERIOD)
    value = compute(ids.values(), PERIOD, now=NOW).value(key, ids.values())
    if answer is None:
        assert value.value is None
        assert value.missing == NOT_RECORDED
        return
    present = [t for t in answer.values() if t[1]]
    if not present:
        assert value.value is None
        return
    assert (value.numerator, value.denominator) == (sum(t[0] for t in present), sum(t[1] for t in present))


def test_sara_punctuality_numeric_path(scene: Scene, monkeypatch: Any) -> None:
    """When the SARA selector returns tallies for the two keys, the registry rows read them: the figure is the sum
    over sum, a neighbourhood with nothing due (0 of 0) is not covered, and other keys stay unanswered."""
    from problem_solving import selectors as sara

    ids = _ids(scene)
    real = sara.performance_tallies
    given = {
        "actions_on_time": {ids["ash"]: (3, 4), ids["brk"]: (1, 2), ids["cot"]: (0, 0)},
        "plans_reviewed": {ids["ash"]: (0, 1), ids["brk"]: (0, 0)},
    }

    def tallies(*, key: str, neighbourhood_ids: list[int], period: Any) -> dict[int, tuple[int, int]] | None:
        if key in given:
            return {pk: t for pk, t in given[key].items() if pk in neighbourhood_ids}
        return real(key=key, neighbourhood_ids=neighbourhood_ids, period=period)

    monkeypatch.setattr(sara, "performance_tallies", tallies)
    results = compute(ids.values(), PERIOD, now=NOW)
    actions = results.value("actions_on_time", ids.values())
    assert (actions.numerator, actions.denominator, actions.covered, actions.of) == (4, 6, 2, 3)
    assert actions.value == pytest.approx(4 / 6)
    assert actions.display == "67% (4 of 6)"
    reviewed = results.value("plans_reviewed", [ids["ash"], ids["brk"]])
    assert (reviewed.value, reviewed.covered) == (0, 1)  # a real 0% (none of 1 on time), not missing
    assert results.value("plans_reviewed", [ids["brk"]]).value is None  # nothing due: missing, not 0
