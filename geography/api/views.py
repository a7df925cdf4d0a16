"""GeoJSON (WGS84) for Leaflet: visible neighbourhood boundaries and a neighbourhood's LSOAs.

The FeatureCollections are written by hand from the database's own GeoJSON (``AsGeoJSON``), which both
PostGIS and SpatiaLite produce, so no GEOS round trip per feature and no extra serialiser library.
Every query starts from ``Neighbourhood.objects.visible_to(user)``: what you cannot see is a 404.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from geography.models import Neighbourhood, Vintage
from geography.selectors import memberships_with_imd

# Six decimal places is about 0.1 m: plenty for a map, and it keeps the payload small.
PRECISION = 6


def _annotated(instance: Any, name: str) -> Any:
    """A value the queryset annotated onto INSTANCE (invisible to the type checker)."""
    return getattr(instance, name)


def _geometry(raw: str | None) -> dict[str, Any] | None:
    return json.loads(raw) if raw else None


def _feature(geometry: str | None, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": _geometry(geometry), "properties": properties}


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _neighbourhood_properties(neighbourhood: Neighbourhood) -> dict[str, Any]:
    return {
        "kind": "boundary",
        "id": neighbourhood.pk,
        "code": neighbourhood.code,
        "name": neighbourhood.name,
        "label": neighbourhood.name,
        "force": neighbourhood.force.slug,
        "population": neighbourhood.population,
        "url": reverse("geography:neighbourhood-detail", args=[neighbourhood.pk]),
    }


class NeighbourhoodGeoViewSet(viewsets.GenericViewSet):
    """Neighbourhood boundaries as GeoJSON (4326). ``lsoas`` adds the neighbourhood's LSOAs."""

    # One FeatureCollection per request: a map needs every feature at once, and the scope bounds the count.
    pagination_class = None

    def get_queryset(self) -> QuerySet[Neighbourhood]:
        return (
            Neighbourhood.objects.visible_to(self.request.user)
            .select_related("force")
            .annotate(boundary_geojson=AsGeoJSON("boundary", precision=PRECISION))
            .defer("boundary", "centre")
        )

    def list(self, request: Request) -> Response:
        features = [
            _feature(_annotated(n, "boundary_geojson"), _neighbourhood_properties(n)) for n in self.get_queryset()
        ]
        return Response(_collection(features))

    def retrieve(self, request: Request, pk: str) -> Response:
        neighbourhood = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(
            _feature(_annotated(neighbourhood, "boundary_geojson"), _neighbourhood_properties(neighbourhood))
        )

    @action(detail=True)
    def lsoas(self, request: Request, pk: str) -> Response:
        """The boundary followed by each member LSOA (share inside, IoD2019 IMD decile)."""
        neighbourhood = get_object_or_404(self.get_queryset(), pk=pk)
        memberships = memberships_with_imd(neighbourhood).annotate(
            lsoa_geojson=AsGeoJSON("lsoa__geometry", precision=PRECISION)
        )
        # ?vintage=2011|2021 shows one LSOA vintage: the two overlap, so a map never mixes them.
        vintage = request.query_params.get("vintage", "")
        if vintage:
            if vintage not in {str(v) for v in Vintage.values}:
                raise ValidationError({"vintage": f"Use one of {', '.join(str(v) for v in Vintage.values)}."})
            memberships = memberships.filter(lsoa__vintage=int(vintage))
        features = [_feature(_annotated(neighbourhood, "boundary_geojson"), _neighbourhood_properties(neighbourhood))]
        for membership in memberships.defer("lsoa__geometry"):
            lsoa = membership.lsoa
            features.append(
                _feature(
                    _annotated(membership, "lsoa_geojson"),
                    {
                        "kind": "lsoa",
                        "code": lsoa.code,
                        "name": lsoa.name,
                        "label": f"{lsoa.code} {lsoa.name}".strip(),
                        "vintage": lsoa.vintage,
                        "weight": membership.weight,
                        "method": membership.method,
                        "imd_2019_decile": _annotated(membership, "imd_decile"),
                    },
                )
            )
        return Response(_collection(features))
