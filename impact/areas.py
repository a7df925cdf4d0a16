"""The areas of a study: codes resolved to ids, the comparison group chosen, and the counts per area-month.

Counting goes through the crime app's ``crime_counts`` only (architecture, "Data truth"), grouped by area and
month, so that a month the crime app reports no data for stays missing (``impact.stats.window_totals``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from crime.queries import CrimeCounts, crime_counts
from geography.models import LSOA, DeprivationRecord, Domain, Neighbourhood
from impact.models import Comparison, ImpactStudy, Unit

ALL_CRIME = "all-crime"  # every category, ASB included, as police.uk's own all-crime is
EDITION_FOR_VINTAGE = {2011: 2019, 2021: 2025}


class StudyAreasError(ValueError):
    """The study names areas the force does not have, or leaves no comparison."""


@dataclass(frozen=True)
class Areas:
    """Area id -> code for each role in the study; ``matching`` shows how matched comparators were picked."""

    codes: dict[int, str]
    treated: list[int]
    comparison: list[int]
    buffer: list[int] = field(default_factory=list)
    buffer_comparison: list[int] = field(default_factory=list)
    eligible: list[int] = field(default_factory=list)  # every area that could have been a comparator
    matching: list[dict[str, object]] = field(default_factory=list)

    @property
    def all(self) -> list[int]:
        return sorted({*self.treated, *self.comparison, *self.buffer, *self.buffer_comparison, *self.eligible})


def force_areas(study: ImpactStudy) -> dict[str, int]:
    """Code -> id of every area of the study's unit in its force."""
    if study.unit == Unit.NEIGHBOURHOOD:
        return dict(Neighbourhood.objects.filter(force=study.force).values_list("code", "pk"))
    lsoas = LSOA.objects.of_vintage(study.vintage).filter(neighbourhoods__force=study.force).distinct()
    return dict(lsoas.values_list("code", "pk"))


def _ids(codes: Iterable[str], known: dict[str, int], what: str) -> list[int]:
    codes = list(codes)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise StudyAreasError(f"{what}: {', '.join(unknown)} not in this force")
    return sorted({known[code] for code in codes})


def resolve_areas(study: ImpactStudy, *, baseline: dict[int, float] | None = None) -> Areas:
    """The study's areas; BASELINE (area id -> before-window count) is needed for a matched comparison."""
    known = force_areas(study)
    codes = {pk: code for code, pk in known.items()}
    treated = _ids(study.treated, known, "Treated areas")
    if not treated:
        raise StudyAreasError("Name at least one treated area")
    buffer = _ids(study.buffer_codes, known, "Buffer areas")
    buffer_comparison = _ids(study.buffer_comparison_codes, known, "Buffer comparison areas")
    taken = {*treated, *buffer}
    eligible = sorted(pk for pk in codes if pk not in taken and pk not in buffer_comparison)
    matching: list[dict[str, object]] = []
    if study.comparison == Comparison.MANUAL:
        comparison = _ids(study.comparison_codes, known, "Comparison areas")
        if set(comparison) & taken:
            raise StudyAreasError("A comparison area cannot also be treated or in the buffer")
    elif study.comparison == Comparison.MATCHED:
        comparison, matching = match_areas(
            treated=treated,
            eligible=eligible,
            baseline=baseline or {},
            deciles=imd_deciles(study, [*treated, *eligible]),
            per_area=study.matches_per_area,
            codes=codes,
        )
    else:
        comparison = eligible
    if not comparison:
        raise StudyAreasError("The comparison group is empty")
    return Areas(codes, treated, comparison, buffer, buffer_comparison, eligible, matching)


def imd_deciles(study: ImpactStudy, ids: Sequence[int]) -> dict[int, int]:
    """LSOA id -> IMD decile of the edition on the study's vintage; neighbourhoods have none (empty)."""
    if study.unit != Unit.LSOA:
        return {}
    rows = DeprivationRecord.objects.filter(
        lsoa_id__in=list(ids), domain=Domain.IMD, edition=EDITION_FOR_VINTAGE[study.vintage], decile__isnull=False
    ).values_list("lsoa_id", "decile")
    return {pk: decile for pk, decile in rows if decile is not None}


def match_areas(
    *,
    treated: Sequence[int],
    eligible: Sequence[int],
    baseline: dict[int, float],
    deciles: dict[int, int],
    per_area: int,
    codes: dict[int, str],
) -> tuple[list[int], list[dict[str, object]]]:
    """For each treated area, the PER_AREA nearest eligible areas: same IMD decile first (when known), then
    the closest baseline count; ties go to the lower code so the choice is reproducible. An area is used once.
    """
    used: set[int] = set()
    chosen: list[int] = []
    shown: list[dict[str, object]] = []
    for area in sorted(treated, key=lambda pk: codes[pk]):
        decile, base = deciles.get(area), baseline.get(area, 0.0)

        def distance(pk: int, decile: int | None = decile, base: float = base) -> tuple[int, float, str]:
            same = decile is None or deciles.get(pk) == decile
            return (0 if same else 1, abs(baseline.get(pk, 0.0) - base), codes[pk])

        picks = sorted((pk for pk in eligible if pk not in used), key=distance)[:per_area]
        used.update(picks)
        chosen.extend(picks)
        shown.append(
            {
                "treated": codes[area],
                "imd_decile": decile,
                "baseline": base,
                "matches": [
                    {"code": codes[pk], "imd_decile": deciles.get(pk), "baseline": baseline.get(pk, 0.0)}
                    for pk in picks
                ],
            }
        )
    return sorted(chosen), shown


def area_month_counts(
    study: ImpactStudy, *, outcome: str, areas: Sequence[int], start: dt.date, end: dt.date
) -> CrimeCounts:
    """Crimes of OUTCOME keyed (area id, month) over START..END, with the window's coverage (crime_counts)."""
    categories = None if outcome == ALL_CRIME else [outcome]
    forces = [study.force.slug]
    if study.unit == Unit.NEIGHBOURHOOD:
        return crime_counts(
            by=("neighbourhood", "month"),
            start=start,
            end=end,
            categories=categories,
            neighbourhoods=areas,
            forces=forces,
        )
    group = "lsoa11" if study.vintage == 2011 else "lsoa21"
    return crime_counts(by=(group, "month"), start=start, end=end, categories=categories, lsoas=areas, forces=forces)
