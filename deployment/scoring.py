"""One score run: read every input for the scope in a few set-based queries, compute, write, then swap current.

Inputs, each from its one home:

- deprivation: ``geography.deprivation`` (``lsoa_figures`` for LSOAs; ``deprivation_by_neighbourhood`` for the
  population-weighted neighbourhood figures and the share of LSOAs in the most deprived decile);
- crime and ASB: ``crime.queries.crime_counts_by_lsoa_columns`` (one GROUP BY for every window and category
  set) and ``crime.queries.counts_coverage`` (a window with a gap flags every score that uses it).

The scores are written and the run made current in one transaction, after the run row itself was committed
as "running": a process killed midway rolls back its scores and leaves the previous current run in place;
the next run of the scope marks the abandoned row failed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from crime.categories import ASB
from crime.coverage import month_span
from crime.queries import CountColumn, counts_coverage, crime_counts_by_lsoa_columns, months_imported
from deployment import maths, vector
from deployment.community import SURVEY_NOTE, concern_rates, lsoa_concern_rates, survey_deficits
from deployment.layers import layers_invalidate
from deployment.locks import scope_lock
from deployment.methods import VLI_COMBINE, VLI_VARIABLES
from deployment.models import NATIONAL, LSOAScore, NeighbourhoodScore, ScoreRun, ScoringMethod
from deployment.writer import JSONText, write_rows
from geography.deprivation import deprivation_by_neighbourhood, edition_ranked, lsoa_figures
from geography.models import EDITION_VINTAGE, LSOA, Domain, Edition, Force, Neighbourhood, NeighbourhoodLSOA

Progress = Callable[[int, int], None]
STEPS = 6
# The fields of a score row that _score computes, in the order write_rows takes them.
ROW_FIELDS = [
    "score", "rank", "band", "missing", "coverage_gap", "vli", "vli_priority", "crime_rate", "population", "components",
]  # fmt: skip
BURGLARY, DAMAGE = "burglary", "criminal-damage-arson"


def _noop(done: int, total: int) -> None:
    return None


def months_back(month: dt.date, n: int) -> dt.date:
    """The first day of the month N months before MONTH."""
    index = month.year * 12 + month.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass
class Window:
    start: dt.date | None
    end: dt.date | None
    months: int
    complete: bool
    note: str
    previous_months: int
    previous_complete: bool


def crime_window(*, force: Force | None, months: int, end: dt.date | None) -> Window:
    """The last MONTHS months of loaded crime data for the scope (or ending at END), with coverage."""
    forces = [force.slug] if force is not None else None
    if end is None:
        loaded = months_imported()
        if not loaded:
            return Window(None, None, 0, False, "No police.uk data is loaded.", 0, False)
        end = loaded[-1]
    end = end.replace(day=1)
    start = months_back(end, months - 1)
    current = counts_coverage(start=start, end=end, forces=forces)
    previous = counts_coverage(start=months_back(start, months), end=months_back(start, 1), forces=forces)
    return Window(
        start=start,
        end=end,
        months=len(current.months),
        complete=current.complete and len(current.months) == len(month_span(start, end)),
        note=current.statement(),
        previous_months=len(previous.months),
        previous_complete=previous.complete and len(previous.months) == months,
    )


def run_scores(
    *,
    method: ScoringMethod,
    force: Force | None,
    edition: int = Edition.IOD2019,
    end: dt.date | None = None,
    job: Any = None,
    progress: Progress = _noop,
) -> ScoreRun:
    """Compute a run of METHOD for FORCE (None: national) on EDITION's LSOAs, and make it current."""
    scope = force.slug if force is not None else NATIONAL
    vintage = int(EDITION_VINTAGE[Edition(edition)])
    with scope_lock(f"{scope}:{vintage}"):
        # Holding the lock, no other run of this scope is alive: any "running" row was abandoned.
        ScoreRun.objects.filter(scope=scope, vintage=vintage, status=ScoreRun.Status.RUNNING).update(
            status=ScoreRun.Status.FAILED, message="Stopped without finishing; its scores were rolled back."
        )
        window = crime_window(force=force, months=method.parameters["window_months"], end=end)
        run = ScoreRun.objects.create(
            method=method,
            force=force,
            scope=scope,
            vintage=vintage,
            edition=edition,
            window_start=window.start,
            window_end=window.end,
            months_covered=window.months,
            coverage_complete=window.complete,
            trend_coverage_complete=window.previous_complete,
            coverage_note=window.note,
            job=job,
            notes=_notes(method, vintage, window),
        )
        progress(1, STEPS)
        try:
            with transaction.atomic():
                _compute(run, method, force, window, progress)
                ScoreRun.objects.filter(scope=scope, vintage=vintage, is_current=True).update(is_current=False)
                run.status = ScoreRun.Status.SUCCEEDED
                run.is_current = True
                run.finished_at = timezone.now()
                run.save(update_fields=["status", "is_current", "finished_at", "lsoa_count", "neighbourhood_count"])
                transaction.on_commit(layers_invalidate)
        except BaseException as exc:
            ScoreRun.objects.filter(pk=run.pk).update(
                status=ScoreRun.Status.FAILED, message=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
            )
            raise
    progress(STEPS, STEPS)
    return run


def _notes(method: ScoringMethod, vintage: int, window: Window) -> list[str]:
    vli = method.parameters["vli"]
    notes = [
        "VLI-style (reconstructed): the published method is verified in outline only; denominators "
        f"({vli['dwelling_denominator']}) and the combining rule ({VLI_COMBINE[vli['combine']]}) are parameters "
        "of this method.",
        *(f"VLI stand-in: {VLI_VARIABLES[v]}." for v in vli["variables"]),
        "Crime rate excludes anti-social behaviour; ASB is its own component. Rates are per 1,000 residents.",
        f"Scores use LSOA {vintage} boundaries only; the two vintages are never mixed.",
    ]
    trend = any(c["key"] == "trend" and c["weight"] > 0 for c in method.components)
    if trend and window.previous_months == 0:
        notes.append("Trend left out of this run: no crime data is loaded for the 12 months before the window.")
    keys = {c["key"] for c in method.components}
    if "concern" in keys:
        notes.append(
            f"Community concern: people raising open concerns in the last {method.parameters['window_months']} "
            "months plus current priorities, per 1,000 residents; an LSOA takes its neighbourhoods' rate."
        )
    if "survey" in keys:
        notes.append(SURVEY_NOTE)
    if not window.complete:
        notes.append(f"Crime window has gaps: {window.note} Every score using crime is flagged.")
    return notes


def _compute(run: ScoreRun, method: ScoringMethod, force: Force | None, window: Window, progress: Progress) -> None:
    lsoas = LSOA.objects.filter(vintage=run.vintage)
    if force is not None:
        lsoas = lsoas.filter(memberships__neighbourhood__force=force).distinct()
    population = {pk: (float(p) if p else None) for pk, p in lsoas.values_list("pk", "population")}
    areas = sorted(population)
    scoped = None if force is None else areas

    figures = lsoa_figures(
        edition=run.edition,
        domains=[Domain.IMD, Domain.INCOME, Domain.EMPLOYMENT, Domain.EDUCATION],
        lsoa_ids=scoped,
    )
    ranked = edition_ranked(run.edition)
    progress(2, STEPS)

    counts = _crime(run, window, scoped)
    progress(3, STEPS)

    imd = {pk: _imd_value(figures[Domain.IMD].get(pk), ranked) for pk in areas}
    inputs = {pk: _inputs(pk, population[pk], counts, figures, window) for pk in areas}

    neighbourhoods = Neighbourhood.objects.all() if force is None else Neighbourhood.objects.filter(force=force)
    members: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for neighbourhood_id, lsoa_id, weight in NeighbourhoodLSOA.objects.filter(
        neighbourhood__in=neighbourhoods, lsoa__vintage=run.vintage
    ).values_list("neighbourhood_id", "lsoa_id", "weight"):
        members[neighbourhood_id].append((lsoa_id, weight))
    ids = sorted(members)
    n_inputs = {pk: _aggregate([(inputs[lsoa], weight) for lsoa, weight in members[pk]]) for pk in ids}
    n_extra, lsoa_extra = _community(method, members, n_inputs)

    lsoa_rows = _score(method, window, areas, imd, inputs, lsoa_extra)
    deciles = {pk: f.decile for pk, f in figures[Domain.IMD].items()}
    imd_ranks = {pk: f.rank for pk, f in figures[Domain.IMD].items()}
    write_rows(
        LSOAScore,
        ["run_id", "lsoa_id", "imd_decile", "imd_rank", *ROW_FIELDS],
        (
            [run.pk, pk, deciles.get(pk), imd_ranks.get(pk), *(row[f] for f in ROW_FIELDS)]
            for pk, row in lsoa_rows.items()
        ),
    )
    run.lsoa_count = len(lsoa_rows)
    progress(4, STEPS)

    summaries = deprivation_by_neighbourhood(ids)
    n_imd: dict[int, float | None] = {}
    n_share: dict[int, float | None] = {}
    for pk in ids:
        edition = next((e for e in summaries[pk].editions if e.edition == run.edition), None)
        summary = edition.imd if edition is not None else None
        if summary is None:
            n_imd[pk] = n_share[pk] = None
            continue
        n_share[pk] = summary.share_lsoas_most_deprived
        if summary.scores_published:
            n_imd[pk] = summary.average_score
        else:  # the population-weighted average rank, as a national percentile like the LSOAs'
            n_imd[pk] = (
                None if summary.average_rank is None or not ranked else _rank_percentile(summary.average_rank, ranked)
            )
    progress(5, STEPS)
    rows = _score(method, window, ids, n_imd, n_inputs, n_extra)
    write_rows(
        NeighbourhoodScore,
        ["run_id", "neighbourhood_id", "share_most_deprived", *ROW_FIELDS],
        ([run.pk, pk, n_share[pk], *(row[f] for f in ROW_FIELDS)] for pk, row in rows.items()),
    )
    run.neighbourhood_count = len(rows)


def _community(
    method: ScoringMethod, members: dict[int, list[tuple[int, float]]], n_inputs: dict[int, Inputs]
) -> tuple[dict[str, dict[int, float | None]], dict[str, dict[int, float | None]]]:
    """The optional components' raw columns for neighbourhoods and for LSOAs; read only when the method lists them."""
    keys = {c["key"] for c in method.components}
    n_extra: dict[str, dict[int, float | None]] = {}
    lsoa_extra: dict[str, dict[int, float | None]] = {}
    if "concern" in keys:
        rates = concern_rates(
            residents={pk: i.residents for pk, i in n_inputs.items()}, months=method.parameters["window_months"]
        )
        n_extra["concern"] = rates
        lsoa_extra["concern"] = lsoa_concern_rates(rates, members)
    if "survey" in keys:  # engagement's survey results (deployment.community); missing where none is held
        deficits = survey_deficits(neighbourhood_ids=sorted(members))
        n_extra["survey"] = deficits
        lsoa_extra["survey"] = lsoa_concern_rates(deficits, members)
    return n_extra, lsoa_extra


def _crime(run: ScoreRun, window: Window, scoped: list[int] | None) -> dict[str, dict[int | None, float]]:
    if window.start is None or window.end is None:
        return {}
    months = len(month_span(window.start, window.end))
    previous_start = months_back(window.start, months)
    previous_end = months_back(window.start, 1)
    return crime_counts_by_lsoa_columns(
        vintage=run.vintage,
        lsoas=scoped,
        columns={
            "crime": CountColumn(window.start, window.end, exclude=(ASB,)),
            "asb": CountColumn(window.start, window.end, categories=(ASB,)),
            "previous": CountColumn(previous_start, previous_end, exclude=(ASB,)),
            "burglary": CountColumn(window.start, window.end, categories=(BURGLARY,)),
            "criminal_damage": CountColumn(window.start, window.end, categories=(DAMAGE,)),
        },
    )


def _rank_percentile(rank: float, ranked: int) -> float:
    """A national rank (1 = most deprived) as 0-100, higher = more deprived: 100 x (N - rank + 1) / N."""
    return 100.0 * (ranked - rank + 1) / ranked


def _imd_value(figure: Any, ranked: int) -> float | None:
    if figure is None:
        return None
    if figure.score is not None:
        return float(figure.score)
    if figure.rank is not None and ranked:
        return _rank_percentile(figure.rank, ranked)
    return None


@dataclass
class Inputs:
    residents: float | None
    crime: float | None  # counts over the window; None where the window has no data
    asb: float | None
    previous: float | None
    vli: maths.VLIInputs


def _inputs(
    pk: int, residents: float | None, counts: dict[str, dict[int | None, float]], figures: Any, window: Window
) -> Inputs:
    def count(name: str, loaded: bool) -> float | None:
        # An LSOA absent from a covered window had no crimes (0); with no data loaded it is missing.
        return counts[name].get(pk, 0.0) if loaded and name in counts else None

    covered = window.months > 0
    score = lambda domain: f.score if (f := figures[domain].get(pk)) is not None else None  # noqa: E731
    return Inputs(
        residents=residents,
        crime=count("crime", covered),
        asb=count("asb", covered),
        previous=count("previous", window.previous_months > 0),
        vli=maths.VLIInputs(
            burglary=count("burglary", covered),
            criminal_damage=count("criminal_damage", covered),
            income=score(Domain.INCOME),
            employment=score(Domain.EMPLOYMENT),
            # Missing: the shared data has no 15-24 count (IoD2019 File 6 bands are 0-15, 16-59, 60+; the census
            # 2011 file has totals and households only), so the variable is missing (methods.VLI_VARIABLES).
            young_people=None,
            education=score(Domain.EDUCATION),
            residents=residents,
        ),
    )


def _aggregate(members: list[tuple[Inputs, float]]) -> Inputs:
    """A neighbourhood's inputs from its LSOAs': counts summed by membership weight, residents likewise, scores
    weighted by residents (missing if any member lacks the value: the geography rule).
    """

    def total(values: list[tuple[float, float | None]]) -> float | None:
        if not values or any(v is None for _, v in values):
            return None
        return sum(w * v for w, v in values if v is not None)

    residents = total([(w, i.residents) for i, w in members])
    people = [((i.residents or 0) * w, i) for i, w in members]
    return Inputs(
        residents=residents,
        crime=total([(w, i.crime) for i, w in members]),
        asb=total([(w, i.asb) for i, w in members]),
        previous=total([(w, i.previous) for i, w in members]),
        vli=maths.VLIInputs(
            burglary=total([(w, i.vli.burglary) for i, w in members]),
            criminal_damage=total([(w, i.vli.criminal_damage) for i, w in members]),
            income=maths.weighted_mean([(p, i.vli.income) for p, i in people]) if residents else None,
            employment=maths.weighted_mean([(p, i.vli.employment) for p, i in people]) if residents else None,
            young_people=total([(w, i.vli.young_people) for i, w in members]),
            education=maths.weighted_mean([(p, i.vli.education) for p, i in people]) if residents else None,
            residents=residents,
        ),
    )


def _weight(component: dict[str, Any], window: Window) -> float:
    """The trend counts "where the data exists": with no data at all for the window before, it is left out of
    the run (the run's notes say so) rather than leaving every area unscored.
    """
    if component["key"] == "trend" and window.previous_months == 0:
        return 0.0
    return float(component["weight"])


def _rate(count: float | None, residents: float | None) -> float | None:
    return None if count is None or not residents else 1000.0 * count / residents


def _score(
    method: ScoringMethod,
    window: Window,
    areas: list[int],
    imd: dict[int, float | None],
    inputs: dict[int, Inputs],
    extra: dict[str, dict[int, float | None]],
    *,
    reference: bool = False,
) -> dict[int, dict[str, Any]]:
    """The score row of each area: composite, rank, band, VLI-style value and the per-component breakdown.

    The arithmetic runs on numpy columns (``deployment.vector``); REFERENCE runs ``deployment.maths`` instead,
    the readable version the vectorised one must equal exactly (the West Yorkshire acceptance test compares
    them). The vectorised rows carry their breakdown as JSON text (``writer.JSONText``) for the COPY.
    """
    vli_parameters = method.parameters["vli"]
    vli_values, _ = maths.vli(
        {pk: inputs[pk].vli for pk in areas},
        variables=vli_parameters["variables"],
        dwelling_denominator=vli_parameters["dwelling_denominator"],
        combine=vli_parameters["combine"],
    )
    crime_rate = {pk: _rate(inputs[pk].crime, inputs[pk].residents) for pk in areas}
    raw: dict[str, dict[int, float | None]] = {
        "imd": imd,
        "crime_rate": crime_rate,
        "asb_rate": {pk: _rate(inputs[pk].asb, inputs[pk].residents) for pk in areas},
        "trend": {
            pk: None
            if inputs[pk].crime is None or inputs[pk].previous is None or not inputs[pk].residents
            else 1000.0 * (inputs[pk].crime - inputs[pk].previous) / inputs[pk].residents  # type: ignore[operator]
            for pk in areas
        },
        "vli": vli_values,
        # Optional components: an area absent from its column is missing (None), never 0.
        **{key: {pk: column.get(pk) for pk in areas} for key, column in extra.items()},
    }
    components = [(c["key"], _weight(c, window), c["normalisation"], raw[c["key"]]) for c in method.components]
    scores: dict[int, float | None]
    breakdown: dict[int, Any]
    if reference:
        scores, parts = maths.composite(areas, components)
        rank_of = maths.ranks(scores)
        breakdown = {pk: [part.as_dict() for part in parts[pk]] for pk in areas}
    else:
        score_column, columns = vector.composite(
            [(key, weight, how, vector.column(areas, values)) for key, weight, how, values in components]
        )
        scores = {pk: None if v != v else v for pk, v in zip(areas, score_column.tolist(), strict=True)}
        rank_of = dict(zip(areas, vector.ranks(score_column), strict=True))
        breakdown = dict(zip(areas, map(JSONText, vector.breakdowns(columns, len(areas))), strict=True))
    band_of = maths.bands(
        rank_of, priority_share=method.parameters["priority_share"], high_share=method.parameters["high_share"]
    )
    uses_crime = any(c["key"] not in ("imd", "concern", "survey") and c["weight"] > 0 for c in method.components)
    uses_trend = any(c["key"] == "trend" and _weight(c, window) > 0 for c in method.components)
    gap = uses_crime and not window.complete or uses_trend and not window.previous_complete
    threshold = vli_parameters["priority_threshold"]
    return {
        pk: {
            "score": None if scores[pk] is None else round(scores[pk], 6),  # type: ignore[arg-type]
            "rank": rank_of[pk],
            "band": band_of[pk],
            "missing": scores[pk] is None,
            "coverage_gap": gap,
            "vli": vli_values[pk],
            "vli_priority": vli_values[pk] is not None and vli_values[pk] > threshold,  # type: ignore[operator]
            "crime_rate": crime_rate[pk],
            "population": inputs[pk].residents,
            "components": breakdown[pk],
        }
        for pk in areas
    }
