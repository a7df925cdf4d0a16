"""Keeping spatial membership current when boundaries change."""

from __future__ import annotations

from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction

from geography.models import Neighbourhood, NeighbourhoodLSOA
from geography.services import membership_derive


@transaction.atomic
def memberships_refresh(*, vintage: int, area: GEOSGeometry | None = None) -> int:
    """Re-derive VINTAGE membership of every neighbourhood whose boundary meets AREA (all when None).

    Neighbourhoods defined explicitly as a group of LSOAs keep their membership: an import must not undo an
    analyst's definition. Returns the number of neighbourhoods re-derived.
    """
    explicit = NeighbourhoodLSOA.objects.filter(method=NeighbourhoodLSOA.Method.EXPLICIT).values("neighbourhood_id")
    neighbourhoods = Neighbourhood.objects.filter(boundary__isnull=False).exclude(pk__in=explicit)
    if area is not None:
        neighbourhoods = neighbourhoods.filter(boundary__intersects=area)
    count = 0
    for neighbourhood in neighbourhoods.order_by("pk"):
        membership_derive(neighbourhood=neighbourhood, vintage=vintage)
        count += 1
    return count


def is_explicit(neighbourhood: Neighbourhood) -> bool:
    """Whether NEIGHBOURHOOD was defined as a group of whole LSOAs (its membership is not derived)."""
    return NeighbourhoodLSOA.objects.filter(
        neighbourhood=neighbourhood, method=NeighbourhoodLSOA.Method.EXPLICIT
    ).exists()
