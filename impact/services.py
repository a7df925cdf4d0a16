"""Writes of the impact app: create a study, evaluate it into a stored run (issue 13).

``evaluate`` counts each outcome per area-month through the crime app, refuses a window with months that
have no data at all (missing is never 0), and refuses a window with coverage gaps (absent or unusually small
force-months) unless the analyst confirms; a refusal is stored as a run too, saying why. Results hold the
counts behind every figure so anyone can recompute them (guide 7495–7533; attribution caveats 21356–21586).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction

from accounts.models import User
from core.audit import audit_record
from core.models import AuditEvent, Job
from crime.coverage import month_span
from crime.queries import counts_coverage, months_imported
from impact import stats
from impact.areas import Areas, area_month_counts, resolve_areas
from impact.model import poisson_did
from impact.models import Comparison, ImpactRun, ImpactStudy, Unit

SOURCE = "police.uk street-level crime and ASB, counted by the crime app (crime.queries.crime_counts)"
RANDOMISATION_DRAWS = 999
RANDOMISATION_SEED = 2018
JANUARY_2023 = dt.date(2023, 1, 1)


class CoverageGap(Exception):
    """The windows include force-months with gaps and the analyst has not confirmed computing over them."""


@transaction.atomic
def study_create(*, actor: User | None, **fields: Any) -> ImpactStudy:
    study = ImpactStudy.objects.create(created_by=actor, **fields)
    audit_record(actor=actor, verb=AuditEvent.Verb.IMPACT_STUDY_CREATED, target=study, data={"name": study.name})
    return study


def _placebo_windows(study: ImpactStudy) -> tuple[list[dt.date], list[dt.date]]:
    """The same design moved back one before-window: its "after" is the real before, with no intervention."""
    length = len(study.before_months)
    start = study.before_start
    for _ in range(length):
        start = (start - dt.timedelta(days=1)).replace(day=1)
    return month_span(start, study.before_months[0] - dt.timedelta(days=1)), study.before_months


def _figures(
    counts: Mapping[tuple[Any, ...], float],
    covered: list[dt.date],
    areas: Areas,
    before_months: list[dt.date],
    after_months: list[dt.date],
) -> dict[str, Any]:
    """Every figure of one outcome over one pair of windows (raises stats.MissingMonths on missing data)."""
    before = stats.window_totals(counts, areas=areas.all, months=before_months, covered=covered)
    after = stats.window_totals(counts, areas=areas.all, months=after_months, covered=covered)
    treated = stats.group_change(before, after, areas.treated)
    comparison = stats.group_change(before, after, areas.comparison)
    equal = len(before_months) == len(after_months)
    weights = (1.0, 1.0) if equal else (float(len(before_months)), float(len(after_months)))
    buffer = buffer_comparison = None
    if areas.buffer and areas.buffer_comparison:
        buffer = stats.group_change(before, after, areas.buffer)
        buffer_comparison = stats.group_change(before, after, areas.buffer_comparison)
    wdd = stats.wdd(
        treated=treated,
        control=comparison,
        displacement=buffer,
        displacement_control=buffer_comparison,
        time_weights=weights,
    )
    ratio = stats.ratio_of_ratios(treated=treated, comparison=comparison)
    model = poisson_did(
        counts,
        treated=areas.treated,
        comparison=areas.comparison,
        before_months=before_months,
        after_months=after_months,
    )
    randomisation = None
    if len(areas.treated) < stats.FEW_TREATED:
        randomisation = stats.randomisation_inference(
            before=before,
            after=after,
            treated=areas.treated,
            eligible=areas.comparison,
            draws=RANDOMISATION_DRAWS,
            seed=RANDOMISATION_SEED,
        )
    did = stats.did_pct_points(treated, comparison)
    return {
        "treated": treated.as_dict(),
        "comparison": comparison.as_dict(),
        "buffer": buffer.as_dict() if buffer else None,
        "buffer_comparison": buffer_comparison.as_dict() if buffer_comparison else None,
        "did_pct_points": None if did is None else round(did, 2),
        "wdd": wdd.as_dict() | {"per": "window" if equal else "month"},
        "model": model.as_dict(),
        "ratio_of_ratios": ratio.as_dict() | {"name": "Poisson ratio of ratios (2×2, no overdispersion allowance)"},
        "randomisation": randomisation.as_dict() if randomisation else None,
        "areas": [
            {"code": areas.codes[pk], "role": _role(areas, pk), "before": before[pk], "after": after[pk]}
            for pk in areas.all
            if _role(areas, pk)
        ],
        "_changes": (treated, comparison),
    }


def _role(areas: Areas, pk: int) -> str:
    for name, group in (
        ("treated", areas.treated),
        ("comparison", areas.comparison),
        ("buffer", areas.buffer),
        ("buffer comparison", areas.buffer_comparison),
    ):
        if pk in group:
            return name
    return ""


def _series(counts: Mapping[tuple[Any, ...], float], areas: Areas, months: list[dt.date]) -> list[dict[str, Any]]:
    treated, comparison = set(areas.treated), set(areas.comparison)
    rows = []
    for month in months:
        t = sum(n for (a, m), n in counts.items() if m == month and a in treated)
        c = sum(n for (a, m), n in counts.items() if m == month and a in comparison)
        rows.append({"month": f"{month:%Y-%m}", "treated": t, "comparison": c})
    return rows


def evaluate(
    study: ImpactStudy,
    *,
    confirm_gaps: bool = False,
    job: Job | None = None,
    actor: User | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImpactRun:
    """Evaluate STUDY into a stored run; raise CoverageGap (after storing a refused run) over unconfirmed gaps
    and stats.MissingMonths when a window month has no data at all.
    """
    try:
        return _evaluate(study, confirm_gaps=confirm_gaps, job=job, actor=actor, progress=progress)
    except stats.MissingMonths as missing:
        ImpactRun.objects.create(
            study=study,
            job=job,
            status=ImpactRun.Status.REFUSED,
            results={"refused": "missing months", "missing": [f"{m:%Y-%m}" for m in missing.months]},
            source=SOURCE,
            vintage="",
            coverage=str(missing),
        )
        raise


def _evaluate(
    study: ImpactStudy,
    *,
    confirm_gaps: bool,
    job: Job | None,
    actor: User | None,
    progress: Callable[[int, int], None] | None,
) -> ImpactRun:
    placebo_before, placebo_after = _placebo_windows(study)
    start, end = placebo_before[0], study.after_end
    outcomes: dict[str, Any] = {}
    statements: list[str] = []
    gaps: list[str] = []
    complete = True
    areas: Areas | None = None
    for number, outcome in enumerate(study.outcomes):
        first = areas or resolve_areas(study, baseline={})
        counts = area_month_counts(study, outcome=outcome, areas=first.all, start=start, end=end)
        if study.comparison == Comparison.MATCHED and areas is None:
            covered = counts.months
            baseline = stats.window_totals(counts, areas=first.all, months=study.before_months, covered=covered)
            first = resolve_areas(study, baseline=baseline)
        areas = first
        # Each window's own coverage: months between the windows (e.g. a year apart) are not the study's.
        windows = [
            counts_coverage(start=study.before_start, end=study.before_end, forces=[study.force.slug]),
            counts_coverage(start=study.after_start, end=study.after_end, forces=[study.force.slug]),
        ]
        complete = complete and all(window.complete for window in windows)
        statement = " ".join(
            f"{name}: {window.statement()}" for name, window in zip(("Before", "After"), windows, strict=True)
        )
        statements.append(statement)
        window_gaps = [f"{gap.force} {gap.month:%Y-%m} ({gap.note})" for window in windows for gap in window.gaps]
        gaps += window_gaps
        result = _figures(counts, counts.months, areas, study.before_months, study.after_months)
        treated, comparison = result.pop("_changes")
        try:
            placebo = _figures(counts, counts.months, areas, placebo_before, placebo_after)
            placebo.pop("_changes")
            placebo = {
                key: placebo[key]
                for key in ("treated", "comparison", "did_pct_points", "wdd", "model", "randomisation")
            }
            placebo["windows"] = [_span(placebo_before), _span(placebo_after)]
        except stats.MissingMonths as missing:
            placebo = {"unavailable": str(missing)}
        result |= {
            "placebo": placebo,
            "series": _series(counts, areas, [*study.before_months, *study.after_months]),
            "coverage": statement,
            "caveats": stats.caveats(
                treated=treated,
                comparison=comparison,
                treated_areas=len(areas.treated),
                gaps=window_gaps,
                vintage=study.vintage if study.unit == Unit.LSOA else None,
                windows_cross_2023=study.before_start < JANUARY_2023 <= study.after_end,
            ),
        }
        outcomes[outcome] = result
        if progress is not None:
            progress(number + 1, len(study.outcomes))
    run = ImpactRun(
        study=study,
        job=job,
        confirmed_gaps=confirm_gaps,
        source=SOURCE,
        as_at=next(reversed(months_imported()), None),
        vintage=f"LSOA {study.vintage}" if study.unit == Unit.LSOA else "police.uk neighbourhoods as loaded",
        coverage=" ".join(dict.fromkeys(statements)),
        complete_coverage=complete,
    )
    if gaps and not confirm_gaps:
        run.status = ImpactRun.Status.REFUSED
        run.results = {"refused": "coverage gaps", "gaps": sorted(set(gaps))}
        run.save()
        raise CoverageGap("; ".join(sorted(set(gaps))))
    assert areas is not None  # a study has at least one outcome (form and command insist)
    run.status = ImpactRun.Status.COMPLETE
    run.results = {
        "study": _design(study),
        "matching": areas.matching,
        "outcomes": outcomes,
    }
    with transaction.atomic():
        run.save()
        audit_record(actor=actor, verb=AuditEvent.Verb.IMPACT_STUDY_EVALUATED, target=study, data={"run": run.pk})
    return run


def _span(months: list[dt.date]) -> str:
    return f"{months[0]:%Y-%m}:{months[-1]:%Y-%m}"


def _design(study: ImpactStudy) -> dict[str, Any]:
    return {
        "name": study.name,
        "force": study.force.slug,
        "unit": study.unit,
        "vintage": study.vintage if study.unit == Unit.LSOA else None,
        "treated": list(study.treated),
        "comparison": study.comparison,
        "before": _span(study.before_months),
        "after": _span(study.after_months),
        "intervention_date": study.intervention_date.isoformat() if study.intervention_date else None,
        "outcomes": list(study.outcomes),
    }
