"""The model-based difference-in-differences for counts: Poisson quasi-maximum likelihood with area and month
fixed effects and errors clustered by area, fitted by statsmodels (reference-anchors §6.2; Wooldridge 2023,
*Econometrics Journal* 26(3) C31–C66).

    log E[y_am] = α_a + γ_m + β · treated_a · after_m

exp(β) is the incidence-rate ratio: how many crimes the treated areas had after, per crime expected had they
moved with the comparison. QMLE needs only the mean to be right, so overdispersion does not bias β, and the
clustered errors allow for it and for correlation within an area over months.

How the area effects are fitted. On a balanced panel (every area in every month, zero months included, which
``window_totals`` guarantees by refusing missing months) with one common start, the area-effects estimator's
β and its area-clustered sandwich are *numerically identical* to those of the pooled Poisson with a treated
dummy in place of the area dummies (Wooldridge 2023, the Poisson case; ``impact/tests/test_model.py`` checks
it against a fit with every area dummy). That keeps the design at months + 2 columns, so a study of 1,400
LSOAs over 24 months is a 33,600 × 26 fit rather than 33,600 × 1,424. The small-sample factor counts the area
effects as nested in the clusters, as fixest does: G/(G − 1) · (N − 1)/(N − K) with K = months + 2, the
design's columns.

Rates. A population offset that is constant over the windows, log(population_a), is absorbed by α_a: the ratio
is a rate ratio whether or not populations are loaded (the test fits the dummy model with the offset). Areas
with no crime in any month of the windows carry no information for β and are dropped, as in ``ppmlhdfe``.

Inference. With G clusters the interval and p-value use Student's t on G − 1 degrees of freedom, which is
kinder than the normal with few clusters, but with few treated areas (under 10) clustered errors still
over-reject (MacKinnon & Webb): the randomisation p-value is then the one to read (``impact.stats.caveats``).
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

NAME = "Poisson QMLE difference-in-differences: area and month fixed effects, errors clustered by area"


@dataclass(frozen=True)
class PoissonDiD:
    """The fitted incidence-rate ratio exp(β) and its interval, or why there is none (``unavailable``)."""

    irr: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    beta: float | None
    se: float | None  # of β, clustered by area
    areas: int  # clusters used (areas with at least one crime in the windows)
    treated_areas: int
    dropped_areas: int  # no crime in any month of the windows: no information for β
    months: int
    observations: int
    level: float
    unavailable: str = ""

    @property
    def pct_effect(self) -> float | None:
        return None if self.irr is None else 100.0 * (self.irr - 1)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"pct_effect": self.pct_effect, "name": NAME, "estimate": self.irr}


def _none(reason: str, *, level: float, **sizes: int) -> PoissonDiD:
    return PoissonDiD(
        irr=None,
        ci_low=None,
        ci_high=None,
        p_value=None,
        beta=None,
        se=None,
        areas=sizes.get("areas", 0),
        treated_areas=sizes.get("treated_areas", 0),
        dropped_areas=sizes.get("dropped_areas", 0),
        months=sizes.get("months", 0),
        observations=sizes.get("observations", 0),
        level=level,
        unavailable=reason,
    )


def poisson_did(
    counts: Mapping[tuple[Any, ...], float],
    *,
    treated: Sequence[Hashable],
    comparison: Sequence[Hashable],
    before_months: Sequence[dt.date],
    after_months: Sequence[dt.date],
    level: float = 0.95,
    small_sample: bool = True,
) -> PoissonDiD:
    """Fit the model to COUNTS keyed (area, month) over the TREATED and COMPARISON areas and both windows.

    An (area, month) absent from COUNTS is a zero: the caller has already refused windows with missing months
    (``impact.stats.window_totals``). SMALL_SAMPLE=False drops the clustered errors' small-sample factor (the
    tests compare sandwiches without it).
    """
    # Imported here, not at module top: statsmodels, scipy and pandas take a second and ~100 MB to load, and
    # every web process imports the services; only a worker or the command evaluating a study needs them.
    import numpy as np
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

    months = sorted({*before_months, *after_months})
    after = set(after_months)
    treated_set = set(treated)
    areas = sorted({*treated, *comparison}, key=str)
    rows = [(area, month, float(counts.get((area, month), 0.0))) for area in areas for month in months]
    totals: dict[Hashable, float] = {}
    for area, _, n in rows:
        totals[area] = totals.get(area, 0.0) + n
    kept = [area for area in areas if totals[area] > 0]
    dropped = len(areas) - len(kept)
    kept_set = set(kept)
    rows = [row for row in rows if row[0] in kept_set]
    month_totals: dict[dt.date, float] = {}
    for _, month, n in rows:
        month_totals[month] = month_totals.get(month, 0.0) + n
    months = [month for month in months if month_totals.get(month, 0.0) > 0]  # a month with no crime anywhere
    rows = [row for row in rows if month_totals.get(row[1], 0.0) > 0]
    n_treated = sum(1 for area in kept if area in treated_set)
    sizes = {
        "areas": len(kept),
        "treated_areas": n_treated,
        "dropped_areas": dropped,
        "months": len(months),
        "observations": len(rows),
    }
    cells = {(t, a): 0.0 for t in (True, False) for a in (True, False)}
    for area, month, n in rows:
        cells[(area in treated_set, month in after)] += n
    if any(total <= 0 for total in cells.values()):
        return _none("a group had no crimes in a window, so the ratio is 0 or infinite", level=level, **sizes)
    if n_treated == len(kept) or len(kept) - n_treated == 0 or len(kept) < 3:
        return _none("too few areas with crimes to cluster the errors", level=level, **sizes)

    column = {month: i for i, month in enumerate(months[1:])}  # the first month is the reference
    design = np.zeros((len(rows), len(months) + 2))
    y = np.empty(len(rows))
    groups = np.empty(len(rows), dtype=int)
    index = {area: i for i, area in enumerate(kept)}
    for r, (area, month, n) in enumerate(rows):
        is_treated = area in treated_set
        design[r, 0] = 1.0  # intercept
        design[r, 1] = 1.0 if is_treated else 0.0  # stands in for the area effects (module docstring)
        if month in column:
            design[r, 2 + column[month]] = 1.0
        design[r, -1] = 1.0 if is_treated and month in after else 0.0  # treated × after: β
        y[r] = n
        groups[r] = index[area]
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        warnings.simplefilter("error", PerfectSeparationWarning)
        try:
            fit = sm.GLM(y, design, family=sm.families.Poisson()).fit(
                cov_type="cluster",
                cov_kwds={"groups": groups, "use_correction": small_sample, "df_correction": True},
                use_t=True,
            )
        except (ConvergenceWarning, PerfectSeparationWarning, np.linalg.LinAlgError, ValueError) as exc:
            return _none(f"the model did not converge ({exc})", level=level, **sizes)
    beta = float(fit.params[-1])
    se = float(fit.bse[-1])
    if not (math.isfinite(beta) and math.isfinite(se)):
        return _none("the model gave no finite estimate", level=level, **sizes)
    low, high = (float(v) for v in fit.conf_int(alpha=1 - level)[-1])
    return PoissonDiD(
        irr=math.exp(beta),
        ci_low=math.exp(low),
        ci_high=math.exp(high),
        p_value=float(fit.pvalues[-1]),
        beta=beta,
        se=se,
        areas=sizes["areas"],
        treated_areas=sizes["treated_areas"],
        dropped_areas=sizes["dropped_areas"],
        months=sizes["months"],
        observations=sizes["observations"],
        level=level,
    )
