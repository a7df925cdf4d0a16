"""Evaluating a study on crimes in PostGIS: counts through the crime app, coverage respected, the job and
the command run the same service."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.jobs import job_create, job_execute
from core.models import AuditEvent, Job
from crime.coverage import month_span
from crime.models import CrimeRelease
from impact.models import ImpactRun
from impact.services import CoverageGap, evaluate
from impact.stats import MissingMonths
from impact.tests.conftest import make_study

pytestmark = pytest.mark.django_db


def _total(made, codes, months, categories):
    return sum(
        n for (code, month, category), n in made.items() if code in codes and month in months and category in categories
    )


def test_evaluate_counts_each_group_as_an_independent_sum_of_the_crimes_made(scene):
    study = make_study(scene.cast)
    run = evaluate(study, actor=scene.cast.ana)
    before, after = month_span(study.before_start, study.before_end), month_span(study.after_start, study.after_end)
    asb = run.results["outcomes"]["anti-social-behaviour"]
    for group, codes in (("treated", {"ASH"}), ("comparison", {"BRK", "COT"})):
        b = _total(scene.made, codes, before, {"anti-social-behaviour"})
        a = _total(scene.made, codes, after, {"anti-social-behaviour"})
        assert asb[group]["before"] == b
        assert asb[group]["after"] == a
        assert asb[group]["pct_change"] == round(100 * (a - b) / b, 2)
    t, c = asb["treated"], asb["comparison"]
    exact_t = 100 * (t["after"] - t["before"]) / t["before"]
    exact_c = 100 * (c["after"] - c["before"]) / c["before"]
    assert asb["did_pct_points"] == round(exact_t - exact_c, 2)
    assert asb["wdd"]["estimate"] == (t["after"] - t["before"]) - (c["after"] - c["before"])
    assert asb["wdd"]["variance"] == t["before"] + t["after"] + c["before"] + c["after"]
    everything = run.results["outcomes"]["all-crime"]
    assert everything["treated"]["before"] == _total(scene.made, {"ASH"}, before, {"anti-social-behaviour", "burglary"})
    # The counts behind the figures, the monthly series, the placebo and the caveats travel with them.
    assert {row["code"]: row["role"] for row in asb["areas"]} == {
        "ASH": "treated",
        "BRK": "comparison",
        "COT": "comparison",
    }
    assert len(asb["series"]) == 12
    assert asb["placebo"]["windows"] == ["2023-07:2023-12", "2024-01:2024-06"]
    assert asb["randomisation"]["draws"] > 0  # one treated area: randomisation inference is given
    assert any("randomised" in caveat for caveat in asb["caveats"])
    assert run.status == ImpactRun.Status.COMPLETE
    assert run.complete_coverage
    assert run.as_at == dt.date(2024, 12, 1)
    assert "January 2024 to June 2024" in run.coverage
    assert "July 2024 to December 2024" in run.coverage
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.IMPACT_STUDY_EVALUATED).count() == 1


def test_the_model_estimate_is_a_statsmodels_fit_with_every_area_dummy_on_the_crimes_made(scene):
    import numpy as np
    import statsmodels.api as sm

    study = make_study(scene.cast)
    run = evaluate(study)
    model = run.results["outcomes"]["anti-social-behaviour"]["model"]
    months = [*month_span(study.before_start, study.before_end), *month_span(study.after_start, study.after_end)]
    codes = ["ASH", "BRK", "COT"]
    rows = [
        (a, i, scene.made[(code, month, "anti-social-behaviour")])
        for a, code in enumerate(codes)
        for i, month in enumerate(months)
    ]
    x = np.zeros((len(rows), len(codes) + len(months)))
    for r, (a, i, _) in enumerate(rows):
        x[r, a] = 1.0
        if i:
            x[r, len(codes) + i - 1] = 1.0
        x[r, -1] = 1.0 if a == 0 and months[i] >= study.after_start else 0.0
    y = np.array([n for _, _, n in rows], dtype=float)
    fit = sm.GLM(y, x, family=sm.families.Poisson()).fit()
    assert model["estimate"] == pytest.approx(float(np.exp(fit.params[-1])), rel=1e-8)
    assert model["ci_low"] < model["estimate"] < model["ci_high"]
    assert (model["areas"], model["treated_areas"], model["months"]) == (3, 1, 12)
    assert "clustered by area" in model["name"]
    ratio = run.results["outcomes"]["anti-social-behaviour"]["ratio_of_ratios"]
    assert ratio["estimate"] > 0  # the simple 2×2 figure stays beside the model
    assert "model" in run.results["outcomes"]["anti-social-behaviour"]["placebo"]


def test_a_coverage_gap_refuses_until_confirmed_and_a_missing_month_always_refuses(scene):
    study = make_study(scene.cast)
    CrimeRelease.objects.filter(month=dt.date(2024, 3, 1)).update(records=1)  # a partial month: a "small" gap
    with pytest.raises(CoverageGap, match="2024-03"):
        evaluate(study)
    refused = study.runs.get()
    assert refused.status == ImpactRun.Status.REFUSED
    run = evaluate(study, confirm_gaps=True)
    assert run.status == ImpactRun.Status.COMPLETE
    assert not run.complete_coverage
    assert "2024-03" in " ".join(run.results["outcomes"]["anti-social-behaviour"]["caveats"])
    later = make_study(scene.cast, name="Too late", after_start=dt.date(2024, 7, 1), after_end=dt.date(2025, 2, 1))
    with pytest.raises(MissingMonths):
        evaluate(later, confirm_gaps=True)  # no data loaded for 2025: refused, never counted as 0
    assert later.runs.get().results["missing"] == ["2025-01", "2025-02"]


def test_a_matched_comparison_shows_its_matching(scene):
    study = make_study(scene.cast, comparison="matched", matches_per_area=1)
    run = evaluate(study)
    matching = run.results["matching"]
    before = month_span(study.before_start, study.before_end)
    base = {code: _total(scene.made, {code}, before, {"anti-social-behaviour"}) for code in ("ASH", "BRK", "COT")}
    nearest = min(("BRK", "COT"), key=lambda code: (abs(base[code] - base["ASH"]), code))
    assert matching[0]["treated"] == "ASH"
    assert [match["code"] for match in matching[0]["matches"]] == [nearest]
    areas = run.results["outcomes"]["anti-social-behaviour"]["areas"]
    assert [row["code"] for row in areas if row["role"] == "comparison"] == [nearest]


def test_the_job_and_the_command_run_the_same_evaluation(scene):
    study = make_study(scene.cast)
    job = job_create(kind="impact.evaluate", params={"study": study.pk})
    job_execute(job)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    run = study.runs.get()
    assert run.job == job
    out = StringIO()
    call_command("evaluate_impact", "--study", str(study.pk), "--format", "json", stdout=out, stderr=StringIO())
    printed = json.loads(out.getvalue())
    assert (
        printed["outcomes"]["anti-social-behaviour"]["treated"]
        == run.results["outcomes"]["anti-social-behaviour"]["treated"]
    )
    assert Job.objects.filter(kind="impact.evaluate", origin=Job.Origin.COMMAND).count() == 1


def test_the_command_builds_a_study_from_flags_and_refuses_gaps_without_a_traceback(scene):
    out = StringIO()
    call_command(
        "evaluate_impact",
        "--force", "testshire", "--unit", "neighbourhood", "--treated", "ASH",
        "--comparison", "rest-of-force", "--before", "2024-01:2024-06", "--after", "2024-07:2024-12",
        "--outcome", "anti-social-behaviour", "--format", "json",
        stdout=out, stderr=StringIO(),
    )  # fmt: skip
    result = json.loads(out.getvalue())["outcomes"]["anti-social-behaviour"]
    assert set(result) >= {"treated", "comparison", "did_pct_points", "wdd", "model", "coverage", "caveats"}
    assert set(result["wdd"]) >= {"estimate", "variance", "z", "ci_low", "ci_high"}
    CrimeRelease.objects.filter(month=dt.date(2024, 8, 1)).update(records=1)
    with pytest.raises(CommandError, match="coverage gaps"):
        call_command(
            "evaluate_impact", "--force", "testshire", "--treated", "ASH", "--before", "2024-01:2024-06",
            "--after", "2024-07:2024-12", "--outcome", "burglary", stdout=StringIO(), stderr=StringIO(),
        )  # fmt: skip
    with pytest.raises(CommandError, match="not in this force"):
        call_command(
            "evaluate_impact", "--force", "testshire", "--treated", "NOPE", "--before", "2024-01:2024-06",
            "--after", "2024-07:2024-12", "--outcome", "burglary", stdout=StringIO(), stderr=StringIO(),
        )  # fmt: skip
