"""Reads shared by the neighbourhood pages and the geography API (one place for the joins).

Deprivation aggregates per neighbourhood (population-weighted rank, decile, score, decile-1 shares) are in
``geography.deprivation``.
"""

from __future__ import annotations

from django.db.models import ExpressionWrapper, F, FloatField, OuterRef, QuerySet, Subquery

from geography.models import DeprivationRecord, Domain, Edition, Neighbourhood, NeighbourhoodLSOA


def memberships_with_imd(neighbourhood: Neighbourhood) -> QuerySet[NeighbourhoodLSOA]:
    """NEIGHBOURHOOD's LSOA memberships with each LSOA and its IoD2019 IMD decile (``imd_decile``, None if absent)
    and ``share_percent`` (the weight as a percentage).

    IoD2019 is published on LSOA 2011 codes, so a 2021 LSOA simply has no 2019 decile: missing, never guessed.
    """
    imd_decile = DeprivationRecord.objects.filter(
        lsoa=OuterRef("lsoa"), edition=Edition.IOD2019, domain=Domain.IMD
    ).values("decile")[:1]
    return (
        NeighbourhoodLSOA.objects.filter(neighbourhood=neighbourhood)
        .select_related("lsoa")
        .annotate(
            imd_decile=Subquery(imd_decile),
            share_percent=ExpressionWrapper(F("weight") * 100, output_field=FloatField()),
        )
        .order_by("lsoa__vintage", "lsoa__code")
    )
