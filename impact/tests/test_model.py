"""The Poisson QMLE difference-in-differences (impact.model) against independent computations: a statsmodels
fit with every area dummy and a population offset, the closed-form ratio of ratios of a two-period panel, and
simulated panels whose true effect is known."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
import statsmodels.api as sm

from impact.model import poisson_did
from impact.stats import Change, ratio_of_ratios

MONTHS = [dt.date(2024 + m // 12, m % 12 + 1, 1) for m in range(24)]


def simulate(rng, *, areas, treated, months, irr, dispersion=2.0, start=None):
    """Negative-binomial counts (overdispersed) with area levels, month shocks and a treated×after effect."""
    start = len(months) // 2 if start is None else start
    level = rng.gamma(2.0, 4.0, areas)
    shock = rng.normal(0.0, 0.3, len(months))
    effect = np.ones((areas, len(months)))
    effect[:treated, start:] = irr
    mu = level[:, None] * np.exp(shock)[None, :] * effect
    n = rng.negative_binomial(dispersion, dispersion / (dispersion + mu))
    # A zero month is absent, as the crime app returns it.
    counts = {(a, month): float(n[a, i]) for a in range(areas) for i, month in enumerate(months) if n[a, i]}
    return counts


def test_it_equals_a_fit_with_every_area_dummy_and_a_population_offset():
    rng = np.random.default_rng(11)
    areas, treated, months = 25, 5, MONTHS[:10]
    counts = simulate(rng, areas=areas, treated=treated, months=months, irr=0.7)
    assert all(sum(counts.get((a, m), 0) for m in months) > 0 for a in range(areas))
    ours = poisson_did(
        counts,
        treated=range(treated),
        comparison=range(treated, areas),
        before_months=months[:5],
        after_months=months[5:],
        small_sample=False,
    )
    # Independently: y ~ area dummies + month dummies + treated×after, offset log(population), clustered by area.
    population = rng.integers(800, 3000, areas)
    rows = [(a, i, counts.get((a, m), 0.0)) for a in range(areas) for i, m in enumerate(months)]
    x = np.zeros((len(rows), areas + len(months)))
    for r, (a, i, _) in enumerate(rows):
        x[r, a] = 1.0
        if i:
            x[r, areas + i - 1] = 1.0
        x[r, -1] = 1.0 if a < treated and i >= 5 else 0.0
    y = np.array([n for _, _, n in rows])
    groups = np.array([a for a, _, _ in rows])
    offset = np.log(population[groups])
    full = sm.GLM(y, x, family=sm.families.Poisson(), offset=offset).fit(
        cov_type="cluster", cov_kwds={"groups": groups, "use_correction": False}
    )
    assert ours.beta == pytest.approx(full.params[-1], abs=1e-9)
    assert ours.se == pytest.approx(full.bse[-1], rel=1e-8)
    assert ours.irr == pytest.approx(math.exp(full.params[-1]), rel=1e-9)
    assert (ours.areas, ours.treated_areas, ours.months, ours.observations) == (25, 5, 10, 250)


def test_on_a_balanced_two_period_panel_it_is_the_ratio_of_ratios():
    rng = np.random.default_rng(5)
    before, after = [MONTHS[0]], [MONTHS[1]]
    counts = simulate(rng, areas=12, treated=4, months=[*before, *after], irr=0.6, start=1)
    fitted = poisson_did(counts, treated=range(4), comparison=range(4, 12), before_months=before, after_months=after)
    total = {
        (g, m): sum(counts.get((a, m), 0.0) for a in group)
        for g, group in (("t", range(4)), ("c", range(4, 12)))
        for m in (before[0], after[0])
    }
    closed = ratio_of_ratios(
        treated=Change(total[("t", before[0])], total[("t", after[0])]),
        comparison=Change(total[("c", before[0])], total[("c", after[0])]),
    )
    assert fitted.irr == pytest.approx(closed.estimate, rel=1e-9)
    # By hand, from the four totals: (T1 / T0) / (C1 / C0).
    by_hand = (total[("t", after[0])] / total[("t", before[0])]) / (total[("c", after[0])] / total[("c", before[0])])
    assert fitted.irr == pytest.approx(by_hand, rel=1e-9)


def test_it_recovers_a_known_effect_and_its_interval_covers_the_truth_about_95_percent_of_the_time():
    truth = 0.75
    rng = np.random.default_rng(2018)
    estimates, covered, draws = [], 0, 200
    for _ in range(draws):
        counts = simulate(rng, areas=60, treated=30, months=MONTHS[:12], irr=truth)
        fit = poisson_did(
            counts, treated=range(30), comparison=range(30, 60), before_months=MONTHS[:6], after_months=MONTHS[6:12]
        )
        estimates.append(math.log(fit.irr))
        covered += fit.ci_low <= truth <= fit.ci_high
    assert math.exp(sum(estimates) / draws) == pytest.approx(truth, rel=0.03)
    assert 0.91 <= covered / draws <= 0.99


def test_no_effect_gives_an_interval_around_one():
    rng = np.random.default_rng(3)
    counts = simulate(rng, areas=80, treated=40, months=MONTHS[:12], irr=1.0)
    fit = poisson_did(
        counts, treated=range(40), comparison=range(40, 80), before_months=MONTHS[:6], after_months=MONTHS[6:12]
    )
    assert fit.ci_low < 1 < fit.ci_high
    assert fit.p_value > 0.05


def test_areas_without_crime_are_dropped_and_a_group_without_crime_gives_no_estimate():
    rng = np.random.default_rng(8)
    counts = simulate(rng, areas=10, treated=3, months=MONTHS[:6], irr=0.8)
    counts = {key: n for key, n in counts.items() if key[0] != 9}  # area 9 had no crime at all
    fit = poisson_did(
        counts, treated=range(3), comparison=range(3, 10), before_months=MONTHS[:3], after_months=MONTHS[3:6]
    )
    assert (fit.areas, fit.dropped_areas) == (9, 1)
    assert fit.irr is not None
    emptied = {key: n for key, n in counts.items() if not (key[0] < 3 and key[1] in MONTHS[3:6])}
    none = poisson_did(
        emptied, treated=range(3), comparison=range(3, 10), before_months=MONTHS[:3], after_months=MONTHS[3:6]
    )
    assert none.irr is None
    assert "no crimes" in none.unavailable
    assert none.as_dict()["estimate"] is None
