"""The statistics of an impact study on hand-built numbers with known answers (reference-anchors §6)."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest

from impact.stats import (
    Change,
    MissingMonths,
    caveats,
    did_pct_points,
    pct_change,
    randomisation_inference,
    ratio_of_ratios,
    wdd,
    window_totals,
    z_for,
)


def test_pct_change_and_the_police_now_difference_in_points():
    assert pct_change(200, 150) == -25.0
    assert pct_change(0, 5) is None  # nothing before: no % change, not infinity, not 0
    # ASB fell 11.7% with a participant against 7.2% without (seed 000): -4.5 points.
    treated, comparison = Change(1000, 883), Change(1000, 928)
    assert did_pct_points(treated, comparison) == pytest.approx(-4.5)
    assert Change(3, 4).as_dict() == {"before": 3, "after": 4, "pct_change": 33.33}
    assert did_pct_points(Change(0, 3), comparison) is None


def test_wdd_reproduces_the_papers_worked_example():
    # Wheeler & Ratcliffe 2018: control 308→318, treated 207→110, displacement control 150→140,
    # displacement 178→157 give WDD −118, variance 1568, Z ≈ −2.98, 95% CI ≈ (−196, −40).
    result = wdd(
        treated=Change(207, 110),
        control=Change(308, 318),
        displacement=Change(178, 157),
        displacement_control=Change(150, 140),
    )
    assert result.estimate == -118
    assert result.variance == 1568
    assert result.se == pytest.approx(39.6, abs=0.05)
    assert result.z == pytest.approx(-2.98, abs=0.005)
    assert round(result.ci_low) == -196
    assert round(result.ci_high) == -40
    assert result.p_value == pytest.approx(0.0029, abs=0.0002)


def test_wdd_without_displacement_drops_the_buffer_terms():
    result = wdd(treated=Change(207, 110), control=Change(308, 318))
    assert result.estimate == -107
    assert result.variance == 207 + 110 + 308 + 318
    with pytest.raises(ValueError, match="its own control"):
        wdd(treated=Change(1, 1), control=Change(1, 1), displacement=Change(1, 1))


def test_wdd_weights_unequal_windows_per_unit_of_time():
    # anchors §6.1: two years before, one after; treated 80→20, control 100→50: −20 per year, Var 115.
    result = wdd(treated=Change(80, 20), control=Change(100, 50), time_weights=(2, 1))
    assert result.estimate == pytest.approx(-20)
    assert result.variance == pytest.approx(115)


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method: fine for the means used here (exp(-150) is far above the float minimum).
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def test_the_wdd_interval_covers_the_truth_near_the_nominal_rate():
    rng = random.Random(13)
    truth = (80 - 120) - (110 - 100)  # treated 120→80, control 100→110 expected counts
    draws, covered = 600, 0
    for _ in range(draws):
        result = wdd(
            treated=Change(_poisson(rng, 120), _poisson(rng, 80)),
            control=Change(_poisson(rng, 100), _poisson(rng, 110)),
        )
        covered += result.ci_low <= truth <= result.ci_high
    assert 0.92 <= covered / draws <= 0.98


def test_the_ratio_of_ratios_recovers_a_known_effect_from_simulated_counts():
    rng = random.Random(7)
    effect = 0.8  # a 20% fall relative to comparison
    t0 = sum(_poisson(rng, 40) for _ in range(20))
    t1 = sum(_poisson(rng, 40 * 1.1 * effect) for _ in range(20))
    c0 = sum(_poisson(rng, 50) for _ in range(60))
    c1 = sum(_poisson(rng, 50 * 1.1) for _ in range(60))
    result = ratio_of_ratios(treated=Change(t0, t1), comparison=Change(c0, c1))
    assert result.estimate is not None
    assert result.ci_low is not None
    assert result.ci_high is not None
    assert result.ci_low < effect < result.ci_high
    assert result.estimate == pytest.approx(effect, abs=0.05)
    assert ratio_of_ratios(treated=Change(0, 3), comparison=Change(5, 5)).estimate is None


def test_window_totals_refuse_a_missing_month_and_count_absent_rows_in_covered_months_as_zero():
    jan, feb, mar = dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)
    counts = {("A", jan): 3, ("A", feb): 2, ("B", jan): 1, ("A", mar): 9}
    totals = window_totals(counts, areas=["A", "B", "C"], months=[jan, feb], covered=[jan, feb, mar])
    assert totals == {"A": 5, "B": 1, "C": 0}
    with pytest.raises(MissingMonths) as raised:
        window_totals(counts, areas=["A"], months=[jan, feb, mar], covered=[jan, mar])
    assert raised.value.months == [feb]
    assert "2024-02" in str(raised.value)


def _areas(effect: float, seed: int) -> tuple[dict[str, float], dict[str, float], list[str], list[str]]:
    rng = random.Random(seed)
    treated = [f"T{i}" for i in range(5)]
    others = [f"C{i}" for i in range(40)]
    before = {a: float(_poisson(rng, 60)) for a in treated + others}
    after = {a: float(_poisson(rng, 60 * (effect if a in treated else 1.0))) for a in treated + others}
    return before, after, treated, others


def test_randomisation_inference_finds_a_real_effect_and_is_reproducible():
    before, after, treated, others = _areas(0.5, seed=1)
    result = randomisation_inference(before=before, after=after, treated=treated, eligible=others, draws=499, seed=3)
    assert result is not None
    assert result.p_value < 0.01
    assert not result.null_low <= result.observed <= result.null_high
    again = randomisation_inference(before=before, after=after, treated=treated, eligible=others, draws=499, seed=3)
    assert again == result


def test_the_placebo_on_data_with_no_intervention_gives_a_null_result():
    before, after, treated, others = _areas(1.0, seed=2)
    result = randomisation_inference(before=before, after=after, treated=treated, eligible=others, draws=499, seed=3)
    assert result is not None
    assert result.p_value > 0.1
    assert result.null_low <= result.observed <= result.null_high
    assert randomisation_inference(before=before, after=after, treated=[], eligible=others) is None


def test_caveats_name_small_counts_few_areas_gaps_and_the_2023_code_change():
    notes = caveats(
        treated=Change(12, 8),
        comparison=Change(400, 380),
        treated_areas=3,
        gaps=["west-yorkshire 2024-02 (no data loaded for this month)"],
        vintage=2021,
        windows_cross_2023=True,
    )
    text = " ".join(notes)
    for phrase in ("randomised", "Regression to the mean", "recording", "Small counts", "Few treated", "2024-02"):
        assert phrase in text
    assert "January 2023" in text
    calm = " ".join(caveats(treated=Change(120, 80), comparison=Change(400, 380), treated_areas=12))
    assert "Small counts" not in calm
    assert "Few treated" not in calm


def test_z_for_the_usual_levels():
    assert z_for(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_for(0.90) == pytest.approx(1.644854, abs=1e-6)
