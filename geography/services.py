"""Writes to the geography spine: neighbourhood membership of LSOAs."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import transaction

from core.audit import audit_record
from core.models import AuditEvent
from core.users import UserLike
from geography.models import LSOA, Neighbourhood, NeighbourhoodLSOA

# Slivers from generalised boundaries: an LSOA with less than this share inside is not a member.
MIN_MEMBERSHIP_WEIGHT = 0.01


def as_multipolygon(geometry: GEOSGeometry) -> MultiPolygon:
    """Polygon or MultiPolygon to MultiPolygon (other types are an error)."""
    if geometry.geom_type == "MultiPolygon":
        return geometry  # type: ignore[return-value]
    if geometry.geom_type == "Polygon":
        return MultiPolygon(geometry, srid=geometry.srid)
    raise ValueError(f"expected a polygon, got a {geometry.geom_type}")


def measured_area(geometry: GEOSGeometry) -> float:
    """Area in square metres (British National Grid)."""
    return geometry.transform(settings.MEASURE_SRID, clone=True).area


@transaction.atomic
def neighbourhood_set_lsoas(
    *, neighbourhood: Neighbourhood, lsoas: Iterable[LSOA], actor: UserLike | None = None
) -> Neighbourhood:
    """Define NEIGHBOURHOOD as a group of whole LSOAs: boundary = their union, population = their sum."""
    members = list(lsoas)
    if not members:
        raise ValueError("a neighbourhood needs at least one LSOA")
    shapes = [lsoa.geometry for lsoa in members if lsoa.geometry is not None]
    if len(shapes) != len(members):
        missing = [lsoa.code for lsoa in members if lsoa.geometry is None]
        raise ValueError(f"LSOAs without a boundary: {', '.join(missing[:5])}")
    union: GEOSGeometry = shapes[0]
    for shape in shapes[1:]:
        union = union.union(shape)
    neighbourhood.boundary = as_multipolygon(union)
    neighbourhood.centre = union.point_on_surface
    populations = [lsoa.population for lsoa in members]
    neighbourhood.population = None if None in populations else sum(p for p in populations if p is not None)
    neighbourhood.full_clean()
    neighbourhood.save()
    NeighbourhoodLSOA.objects.filter(neighbourhood=neighbourhood).delete()
    NeighbourhoodLSOA.objects.bulk_create(
        NeighbourhoodLSOA(neighbourhood=neighbourhood, lsoa=lsoa, weight=1.0, method=NeighbourhoodLSOA.Method.EXPLICIT)
        for lsoa in members
    )
    audit_record(
        actor=actor, verb=AuditEvent.Verb.NEIGHBOURHOOD_LSOAS_SET, target=neighbourhood, data={"lsoas": len(members)}
    )
    return neighbourhood


@transaction.atomic
def membership_derive(*, neighbourhood: Neighbourhood, vintage: int, actor: UserLike | None = None) -> int:
    """Derive LSOA membership spatially: weight = share of the LSOA's area inside the boundary.

    The candidate LSOAs come from a spatial index query in the database; the exact shares are measured
    in British National Grid. Returns the number of memberships written.
    """
    if neighbourhood.boundary is None:
        raise ValueError(f"{neighbourhood} has no boundary to derive membership from")
    boundary: GEOSGeometry = neighbourhood.boundary
    rows = []
    candidates = LSOA.objects.filter(vintage=vintage, geometry__intersects=boundary).only("pk", "geometry")
    for lsoa in candidates:
        if lsoa.geometry is None:
            continue
        lsoa_area = measured_area(lsoa.geometry)
        if lsoa_area <= 0:
            continue
        weight = min(1.0, measured_area(lsoa.geometry.intersection(boundary)) / lsoa_area)
        if weight >= MIN_MEMBERSHIP_WEIGHT:
            rows.append(
                NeighbourhoodLSOA(
                    neighbourhood=neighbourhood,
                    lsoa=lsoa,
                    weight=round(weight, 6),
                    method=NeighbourhoodLSOA.Method.SPATIAL,
                )
            )
    # Only this vintage's memberships are replaced: 2011 and 2021 memberships live side by side.
    NeighbourhoodLSOA.objects.filter(neighbourhood=neighbourhood, lsoa__vintage=vintage).delete()
    NeighbourhoodLSOA.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        verb=AuditEvent.Verb.NEIGHBOURHOOD_MEMBERSHIP_DERIVED,
        target=neighbourhood,
        data={"lsoas": len(rows)},
    )
    return len(rows)


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
