"""Deprivation aggregates for neighbourhoods, read live from imported IoD records (so they follow every import).

One home for these figures: the profile's category 2, deployment scoring and impact evaluation all read them
here (issue 7 §3). Reads are two ORM queries and the arithmetic is Python, so PostGIS and SpatiaLite (the
embedded default) give the same answer.

For each IoD edition held for the neighbourhood's LSOAs (IoD2019 on 2011 LSOAs, IoD2025 on 2021 LSOAs; never
mixed), per LSOA: score, rank and decile of the IMD and its seven domains; for the neighbourhood:

- population-weighted average score (only where the edition publishes scores: the IoD2019 files here have
  ranks and deciles only, so the 2019 scores are "not available");
- population-weighted average rank and average decile (the IoD's own way of summarising larger areas is the
  population-weighted average of LSOA ranks);
- the share of its LSOAs in the most deprived 10% nationally, and the share of its population living in them.

Weights are LSOA population x membership weight (the share of the LSOA inside the neighbourhood). Anything
missing is reported as missing, never as zero: an aggregate is shown only when every member LSOA has the value.
The Vulnerable Localities Index is not computed yet and says so (guide 2359–2379 names it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max

from geography.models import (
    EDITION_VINTAGE,
    DeprivationRecord,
    Domain,
    Edition,
    Neighbourhood,
    NeighbourhoodLSOA,
    Vintage,
)

VLI_NOTE = (
    "Not available: the Vulnerable Localities Index is not computed yet (it needs crime, deprivation and "
    "education inputs combined by the national method)."
)
DOMAIN_ORDER = [choice.value for choice in Domain]


@dataclass
class Figure:
    score: float | None = None
    rank: int | None = None
    decile: int | None = None


@dataclass
class LSOARow:
    code: str
    name: str
    weight: float
    population: int | None
    figures: dict[str, Figure]
    population_source: str = ""

    def figure(self, domain: str) -> Figure:
        return self.figures.get(domain, Figure())

    @property
    def imd(self) -> Figure:
        return self.figure(Domain.IMD)


@dataclass
class DomainSummary:
    domain: str
    label: str
    average_score: float | None
    average_rank: float | None
    average_decile: float | None
    share_lsoas_most_deprived: float | None  # 0-1, by membership weight
    share_population_most_deprived: float | None  # 0-1, by weighted population
    scores_published: bool
    missing: list[str] = field(default_factory=list)  # LSOA codes with no record for this domain


@dataclass
class EditionSummary:
    edition: int
    label: str
    vintage: int
    vintage_label: str
    sources: list[str]
    population_sources: list[str]
    lsoas: list[LSOARow]
    domains: list[DomainSummary]
    population_missing: list[str]

    @property
    def imd(self) -> DomainSummary:
        return self.domains[0]

    @property
    def weighted_population(self) -> float | None:
        if self.population_missing:
            return None
        return sum((row.population or 0) * row.weight for row in self.lsoas)


@dataclass
class DeprivationSummary:
    editions: list[EditionSummary]
    member_lsoas: int
    vli_note: str = VLI_NOTE

    @property
    def available(self) -> bool:
        """Whether any member LSOA has a record (``neighbourhoods_with_deprivation`` asks the same in bulk)."""
        return bool(self.editions)

    @property
    def latest(self) -> EditionSummary | None:
        """The newest edition held (editions are newest first), or None without figures."""
        return self.editions[0] if self.editions else None

    def as_dict(self) -> dict[str, Any]:
        """JSON (public tier: these are published open-data figures); ``from_dict`` reads it back."""
        return {
            "vulnerable_localities_index": None,
            "vulnerable_localities_index_note": self.vli_note,
            "member_lsoas": self.member_lsoas,
            "editions": [
                {
                    "edition": e.edition,
                    "edition_label": e.label,
                    "lsoa_vintage": e.vintage,
                    "sources": e.sources,
                    "population_sources": e.population_sources,
                    "population_missing_for": e.population_missing,
                    "neighbourhood": [
                        {
                            "domain": d.domain,
                            "label": d.label,
                            "population_weighted_average_score": _round(d.average_score, 3),
                            "scores_published": d.scores_published,
                            "population_weighted_average_rank": _round(d.average_rank, 1),
                            "population_weighted_average_decile": _round(d.average_decile, 2),
                            "share_of_lsoas_in_most_deprived_decile": _round(d.share_lsoas_most_deprived, 4),
                            "share_of_population_in_most_deprived_decile": _round(d.share_population_most_deprived, 4),
                            "lsoas_without_a_record": d.missing,
                        }
                        for d in e.domains
                    ],
                    "lsoas": [
                        {
                            "code": row.code,
                            "name": row.name,
                            "membership_weight": row.weight,
                            "population": row.population,
                            "figures": {
                                domain: {"score": f.score, "rank": f.rank, "decile": f.decile}
                                for domain, f in row.figures.items()
                            },
                        }
                        for row in e.lsoas
                    ],
                }
                for e in self.editions
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DeprivationSummary:
        """Rebuild a summary from ``as_dict`` output (a snapshot), for the as-at view."""
        editions = []
        for e in data.get("editions", []):
            rows = [
                LSOARow(
                    r["code"],
                    r["name"],
                    r["membership_weight"],
                    r["population"],
                    {domain: Figure(**f) for domain, f in r["figures"].items()},
                )
                for r in e["lsoas"]
            ]
            domains = [
                DomainSummary(
                    domain=d["domain"],
                    label=d["label"],
                    average_score=d["population_weighted_average_score"],
                    average_rank=d["population_weighted_average_rank"],
                    average_decile=d["population_weighted_average_decile"],
                    share_lsoas_most_deprived=d["share_of_lsoas_in_most_deprived_decile"],
                    share_population_most_deprived=d["share_of_population_in_most_deprived_decile"],
                    scores_published=d["scores_published"],
                    missing=d["lsoas_without_a_record"],
                )
                for d in e["neighbourhood"]
            ]
            edition, vintage = e["edition"], e["lsoa_vintage"]
            editions.append(
                EditionSummary(
                    edition=edition,
                    label=e["edition_label"],
                    vintage=vintage,
                    vintage_label=Vintage(vintage).label,
                    sources=e["sources"],
                    population_sources=e["population_sources"],
                    lsoas=rows,
                    domains=domains,
                    population_missing=e["population_missing_for"],
                )
            )
        return cls(editions=editions, member_lsoas=data.get("member_lsoas", 0))


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def _weighted(pairs: list[tuple[float, float | int | None]]) -> float | None:
    """Weighted mean of (weight, value) pairs; None when any value is missing or the weights sum to zero."""
    if not pairs or any(value is None for _, value in pairs):
        return None
    total = sum(weight for weight, _ in pairs)
    if total <= 0:
        return None
    return sum(weight * value for weight, value in pairs if value is not None) / total


def _summarise(edition: int, rows: list[LSOARow], sources: set[str]) -> EditionSummary:
    population_missing = [row.code for row in rows if row.population is None]
    domains = []
    for domain in DOMAIN_ORDER:
        missing = [row.code for row in rows if domain not in row.figures]
        figures = [(row, row.figure(domain)) for row in rows]
        scores_published = any(f.score is not None for _, f in figures)
        by_population = not population_missing
        pop = [((row.population or 0) * row.weight, f) for row, f in figures]
        deciles = [f.decile for _, f in figures]
        share_lsoas = share_population = None
        if not missing and None not in deciles:
            share_lsoas = _weighted([(row.weight, 1 if f.decile == 1 else 0) for row, f in figures])
            if by_population:
                share_population = _weighted([(w, 1 if f.decile == 1 else 0) for w, f in pop])
        domains.append(
            DomainSummary(
                domain=domain,
                label=Domain(domain).label,
                average_score=_weighted([(w, f.score) for w, f in pop]) if by_population and not missing else None,
                average_rank=_weighted([(w, f.rank) for w, f in pop]) if by_population and not missing else None,
                average_decile=_weighted([(w, f.decile) for w, f in pop]) if by_population and not missing else None,
                share_lsoas_most_deprived=share_lsoas,
                share_population_most_deprived=share_population,
                scores_published=scores_published,
                missing=missing,
            )
        )
    vintage = EDITION_VINTAGE[Edition(edition)]
    return EditionSummary(
        edition=edition,
        label=Edition(edition).label,
        vintage=vintage,
        vintage_label=Vintage(vintage).label,
        sources=sorted(sources),
        population_sources=sorted({row.population_source for row in rows if row.population_source}),
        lsoas=rows,
        domains=domains,
        population_missing=population_missing,
    )


def deprivation_by_neighbourhood(neighbourhood_ids: Iterable[int]) -> dict[int, DeprivationSummary]:
    """The live deprivation figures of each neighbourhood in NEIGHBOURHOOD_IDS, in two queries however many.

    Every id gets a summary; one with no member LSOAs, or none with records, has no editions (``available``
    is False). Scope is the caller's job: pass ids from ``Neighbourhood.objects.visible_to(user)``.
    """
    ids = list(neighbourhood_ids)
    memberships: dict[int, list[NeighbourhoodLSOA]] = {pk: [] for pk in ids}
    for membership in (
        NeighbourhoodLSOA.objects.filter(neighbourhood_id__in=ids)
        .select_related("lsoa")
        .only(
            "neighbourhood",
            "weight",
            "lsoa",
            "lsoa__code",
            "lsoa__name",
            "lsoa__vintage",
            "lsoa__population",
            "lsoa__population_source",
        )
        .order_by("neighbourhood_id", "lsoa__code")
    ):
        memberships[membership.neighbourhood_id].append(membership)
    lsoa_ids = {m.lsoa_id for members in memberships.values() for m in members}
    records: dict[tuple[int, int], dict[str, Figure]] = defaultdict(dict)  # (edition, LSOA) -> domain -> figure
    sources: dict[tuple[int, int], set[str]] = defaultdict(set)
    for lsoa_id, edition, domain, score, rank, decile, source in DeprivationRecord.objects.filter(
        lsoa_id__in=lsoa_ids
    ).values_list("lsoa_id", "edition", "domain", "score", "rank", "decile", "source"):
        records[(edition, lsoa_id)][domain] = Figure(score, rank, decile)
        if source:
            sources[(edition, lsoa_id)].add(source)
    return {pk: _summary(members, records, sources) for pk, members in memberships.items()}


def _summary(
    memberships: list[NeighbourhoodLSOA],
    records: dict[tuple[int, int], dict[str, Figure]],
    sources: dict[tuple[int, int], set[str]],
) -> DeprivationSummary:
    member_ids = {m.lsoa_id for m in memberships}
    held = {edition for edition, lsoa_id in records if lsoa_id in member_ids}
    editions = []
    for edition in sorted(held, reverse=True):
        vintage = EDITION_VINTAGE[Edition(edition)]
        rows = []
        for m in memberships:
            if m.lsoa.vintage != vintage:
                continue  # 2011 and 2021 LSOAs are never mixed
            figures = records.get((edition, m.lsoa_id), {})
            rows.append(
                LSOARow(m.lsoa.code, m.lsoa.name, m.weight, m.lsoa.population, figures, m.lsoa.population_source)
            )
        edition_sources = set().union(*(sources.get((edition, lsoa_id), set()) for lsoa_id in member_ids))
        editions.append(_summarise(edition, rows, edition_sources))
    return DeprivationSummary(editions=editions, member_lsoas=len(memberships))


def deprivation_for(neighbourhood: Neighbourhood) -> DeprivationSummary:
    """The live deprivation figures of NEIGHBOURHOOD (two queries, whatever its size)."""
    return deprivation_by_neighbourhood([neighbourhood.pk])[neighbourhood.pk]


def neighbourhoods_with_deprivation(neighbourhood_ids: Iterable[int]) -> set[int]:
    """Which of these neighbourhoods have figures for any member LSOA, in one query.

    The same rule as ``DeprivationSummary.available``, without loading the figures (for lists of many).
    """
    return set(
        NeighbourhoodLSOA.objects.filter(
            neighbourhood_id__in=list(neighbourhood_ids), lsoa__in=DeprivationRecord.objects.values("lsoa_id")
        ).values_list("neighbourhood_id", flat=True)
    )


def lsoa_figures(
    *, edition: int, domains: Iterable[str], lsoa_ids: Iterable[int] | None = None
) -> dict[str, dict[int, Figure]]:
    """Domain -> LSOA id -> figure for EDITION, in one query: the LSOA-level read for scoring whole forces or
    the nation (``deprivation_by_neighbourhood`` summarises neighbourhoods). An LSOA without a record for a
    domain is absent from it: missing, never zero.
    """
    wanted = list(domains)
    records = DeprivationRecord.objects.filter(edition=edition, domain__in=wanted)
    if lsoa_ids is not None:
        records = records.filter(lsoa_id__in=list(lsoa_ids))
    result: dict[str, dict[int, Figure]] = {domain: {} for domain in wanted}
    for lsoa_id, domain, score, rank, decile in records.values_list("lsoa_id", "domain", "score", "rank", "decile"):
        result[domain][lsoa_id] = Figure(score, rank, decile)
    return result


def edition_ranked(edition: int, domain: str = Domain.IMD) -> int:
    """The N of EDITION's national ranking in DOMAIN (32,844 for IoD2019 in England): its largest rank, so a
    force that loaded only its own LSOAs still places them on the national scale. 0 without ranks.
    """
    return DeprivationRecord.objects.filter(edition=edition, domain=domain).aggregate(n=Max("rank"))["n"] or 0
