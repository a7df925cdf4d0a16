"""Score runs on the hand-worked scene of conftest.py (figures worked out in the comments)."""

import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from crime.models import CrimeRelease
from deployment.locks import ScopeBusy, lock_args
from deployment.models import LSOAScore, NeighbourhoodScore, ScoreRun
from deployment.scoring import run_scores
from deployment.services import method_agreed
from deployment.writer import write_rows

pytestmark = pytest.mark.django_db


def _by_code(run):
    return {s.lsoa.code: s for s in LSOAScore.objects.filter(run=run).select_related("lsoa")}


def test_imd_only_scoring_reproduces_the_imd_rank_order(scene):
    run = run_scores(method=scene.imd_only, force=scene.cast.force)
    scores = _by_code(run)
    assert [code for code, _ in sorted(scores.items(), key=lambda item: item[1].rank)] == sorted(
        scores, key=lambda code: scores[code].imd_rank
    )
    # Rank 100 of N = 40,000 (the largest rank held): 100 x (40000 - 100 + 1) / 40000.
    imd = scores["E01980001"].components[0]
    assert imd["raw"] == pytest.approx(99.7525)
    assert not scores["E01980001"].coverage_gap, "IMD alone uses no crime window"


def test_the_default_method_weights_percentiles_of_deprivation_crime_and_asb(scene):
    run = run_scores(method=method_agreed(), force=scene.cast.force)
    scores = _by_code(run)
    # Weights .5 IMD, .25 crime, .15 ASB over 0.9 (trend left out: no earlier year loaded; VLI weight 0).
    # E01980001: IMD 87.5, crime 36/1000 -> 87.5, ASB 12 -> 62.5: 75 / 0.9.
    assert scores["E01980001"].score == pytest.approx(75 / 0.9, abs=1e-4)
    assert scores["E01980003"].score == pytest.approx(47.5 / 0.9, abs=1e-4)
    assert scores["E01980002"].score == pytest.approx(44.375 / 0.9, abs=1e-4)
    assert scores["E01980004"].score == pytest.approx(13.125 / 0.9, abs=1e-4)
    assert [scores[c].rank for c in ("E01980001", "E01980003", "E01980002", "E01980004")] == [1, 2, 3, 4]
    assert [scores[c].band for c in ("E01980001", "E01980003", "E01980002")] == ["priority", "high", "other"]
    crime = {part["key"]: part for part in scores["E01980001"].components}["crime_rate"]
    assert crime == {
        "key": "crime_rate", "raw": 36.0, "normalised": 87.5, "weight": 0.25,
        "contribution": pytest.approx(0.25 * 87.5 / 0.9, abs=1e-4), "missing": False,
    }  # fmt: skip
    assert any("Trend left out" in note for note in run.notes)
    assert any(note.startswith("VLI-style (reconstructed)") for note in run.notes)
    # VLI-style: no 15-24 population loaded, so missing (flagged), never 0.
    assert scores["E01980001"].vli is None
    assert {part["key"]: part for part in scores["E01980001"].components}["vli"]["missing"] is True


def test_neighbourhood_scores_are_population_weighted(scene):
    run = run_scores(method=scene.imd_only, force=scene.cast.force)
    rows = {s.neighbourhood_id: s for s in NeighbourhoodScore.objects.filter(run=run)}
    ashfield = rows[scene.cast.ashfield.pk]
    # Average rank (1000 x 100 + 2000 x 5000) / 3000 = 3366.67; as a national percentile 91.5858.
    assert ashfield.components[0]["raw"] == pytest.approx(100 * (40000 - 10100000 / 3000 + 1) / 40000, abs=1e-3)
    assert ashfield.share_most_deprived == pytest.approx(0.5)
    assert ashfield.crime_rate == pytest.approx(48 / 3000 * 1000)
    assert ashfield.rank == 1
    assert rows[scene.cast.brookside.pk].rank == 2
    assert scene.cast.cottam.pk not in rows, "a neighbourhood without LSOAs is not scored"


def test_a_coverage_gap_flags_every_score_that_uses_the_window(scene):
    CrimeRelease.objects.filter(month__month=6).update(records=1)  # a "small" month
    run = run_scores(method=method_agreed(), force=scene.cast.force)
    assert not run.coverage_complete
    assert set(LSOAScore.objects.filter(run=run).values_list("coverage_gap", flat=True)) == {True}
    imd_only = run_scores(method=scene.imd_only, force=scene.cast.force)
    assert set(LSOAScore.objects.filter(run=imd_only).values_list("coverage_gap", flat=True)) == {False}


def test_a_run_becomes_current_only_when_it_completes(scene, monkeypatch):
    first = run_scores(method=scene.imd_only, force=scene.cast.force)
    assert ScoreRun.objects.get(pk=first.pk).is_current

    def broken(model, fields, rows):  # the LSOA scores are written, then the process stops
        if model is NeighbourhoodScore:
            raise RuntimeError("stopped midway")
        return write_rows(model, fields, rows)

    monkeypatch.setattr("deployment.scoring.write_rows", broken)
    with pytest.raises(RuntimeError):
        run_scores(method=scene.imd_only, force=scene.cast.force)
    second = ScoreRun.objects.exclude(pk=first.pk).get()
    assert second.status == ScoreRun.Status.FAILED
    assert not LSOAScore.objects.filter(run=second).exists(), "its LSOA scores were rolled back"
    assert list(ScoreRun.objects.current().values_list("pk", flat=True)) == [first.pk]


def _wait_until_free(scope, seconds=10.0):
    """The server ends a closed session's backend (and frees its locks) a moment after the client hangs up;
    on a loaded machine that moment is long enough to race the next statement.
    """
    deadline = time.monotonic() + seconds
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", lock_args(scope))
            if cursor.fetchone()[0]:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", lock_args(scope))
                return
            time.sleep(0.05)


def test_one_run_per_scope_at_a_time(scene):
    # Another process's session holds the lock (advisory locks are re-entrant within one session).
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", lock_args("testshire:2011"))
        with pytest.raises(ScopeBusy):
            run_scores(method=scene.imd_only, force=scene.cast.force)
        assert not ScoreRun.objects.filter(scope="testshire").exists(), "the refused run wrote nothing"
        run_scores(method=scene.imd_only, force=scene.cast.other_force)  # another scope is not held up
    finally:
        other.close()  # its session ends, and the lock with it
    _wait_until_free("testshire:2011")
    assert run_scores(method=scene.imd_only, force=scene.cast.force).is_current
