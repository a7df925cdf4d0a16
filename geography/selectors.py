"""Reads shared by the neighbourhood pages and the geography API (one place for the joins).

Deprivation aggregates per neighbourhood (population-weighted rank, decile, score, decile-1 shares) are in
``geography.deprivation``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import ExpressionWrapper, F, FloatField, OuterRef, QuerySet, Subquery

from geography.models import DeprivationRecord, Domain, Edition, Neighbourhood, NeighbourhoodLSOA


def memberships_with_imd(
    neighbourhood: Neighbourhood, *, edition: Edition = Edition.IOD2019
) -> QuerySet[NeighbourhoodLSOA]:
    """NEIGHBOURHOOD's LSOA memberships with each LSOA and its IMD decile in EDITION (``imd_decile``, None if absent)
    and ``share_percent`` (the weight as a percentage).

    IoD2019 is published on LSOA 2011 codes, so a 2021 LSOA simply has no 2019 decile: missing, never guessed.
    """
    imd_decile = DeprivationRecord.objects.filter(lsoa=OuterRef("lsoa"), edition=edition, domain=Domain.IMD).values(
        "decile"
    )[:1]
    return (
        NeighbourhoodLSOA.objects.filter(neighbourhood=neighbourhood)
        .select_related("lsoa")
        .annotate(
            imd_decile=Subquery(imd_decile),
            share_percent=ExpressionWrapper(F("weight") * 100, output_field=FloatField()),
        )
        .order_by("lsoa__vintage", "lsoa__code")
    )


def membership_vintages(neighbourhood: Neighbourhood) -> list[int]:
    """The LSOA vintages NEIGHBOURHOOD has members in, oldest first."""
    return sorted(
        set(NeighbourhoodLSOA.objects.filter(neighbourhood=neighbourhood).values_list("lsoa__vintage", flat=True))
    )


def population_by_membership(memberships: Iterable[NeighbourhoodLSOA]) -> dict[str, object]:
    """The neighbourhood's population as the sum of its LSOAs' populations times their membership weights.

    MEMBERSHIPS must all be of one vintage (2011 and 2021 LSOAs overlap: adding both would count people twice).
    Returns ``value`` (None when no LSOA has a population: missing, never 0), ``known`` and ``total`` (how many
    LSOAs had a population out of how many), and ``sources`` (the distinct population sources).
    """
    value = 0.0
    known = total = 0
    sources: set[str] = set()
    for membership in memberships:
        total += 1
        population = membership.lsoa.population
        if population is None:
            continue
        known += 1
        value += population * membership.weight
        if membership.lsoa.population_source:
            sources.add(membership.lsoa.population_source)
    return {
        "value": round(value) if known else None,
        "known": known,
        "total": total,
        "sources": sorted(sources),
    }
