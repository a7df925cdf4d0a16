"""GeoJSON (WGS84) for Leaflet: visible neighbourhood boundaries and a neighbourhood's LSOAs.

The pattern every NPT API follows (docs/code-style.md §5): the queryset starts from ``visible_to(user)``, so
what you cannot see is a 404; ``HasPerm`` asks ``has_perm``; serializers shape the output, a FilterSet
validates the query string, and the list is paginated.
"""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import FeatureCollectionPagination, HasPerm
from geography.api.filters import NeighbourhoodFilter
from geography.api.permissions import VIEW_NEIGHBOURHOOD
from geography.api.serializers import (
    NeighbourhoodFeatureSerializer,
    NeighbourhoodMap,
    NeighbourhoodMapSerializer,
    boundary_geojson,
)
from geography.models import Neighbourhood, Vintage
from geography.selectors import memberships_with_imd


class LsoaQuery(serializers.Serializer[dict[str, int]]):
    vintage = serializers.ChoiceField(choices=Vintage.choices, required=False, help_text="Show one LSOA vintage.")


@extend_schema_view(
    list=extend_schema(summary="Neighbourhood boundaries you may see, as a paginated FeatureCollection"),
    retrieve=extend_schema(summary="One neighbourhood's boundary as a Feature"),
)
class NeighbourhoodGeoViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Neighbourhood boundaries as GeoJSON (4326). ``lsoas`` adds the neighbourhood's LSOAs."""

    serializer_class = NeighbourhoodFeatureSerializer
    pagination_class = FeatureCollectionPagination
    filterset_class = NeighbourhoodFilter
    permission_classes = [HasPerm]
    required_perm = VIEW_NEIGHBOURHOOD
    # Ids are digits: anything else is no route (404), never a ValueError from the database lookup.
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Neighbourhood]:
        return (
            Neighbourhood.objects.visible_to(self.request.user)
            .select_related("force")
            .annotate(boundary_geojson=boundary_geojson("boundary"))
            .defer("boundary", "centre")
            # The model's ordering plus the id, so pages never overlap when two names tie.
            .order_by("force__name", "name", "pk")
        )

    @extend_schema(
        summary="A neighbourhood's boundary followed by each member LSOA, as one FeatureCollection",
        responses=NeighbourhoodMapSerializer,
        parameters=[LsoaQuery],
        filters=False,
    )
    @action(detail=True, pagination_class=None, filterset_class=None)
    def lsoas(self, request: Request, pk: str) -> Response:
        """The boundary, then each member LSOA with its share inside and IoD2019 IMD decile.

        Not paginated: the map draws every LSOA at once, and a neighbourhood has tens of them.
        """
        neighbourhood = self.get_object()
        memberships = (
            memberships_with_imd(neighbourhood)
            .annotate(lsoa_geojson=boundary_geojson("lsoa__geometry"))
            .defer("lsoa__geometry")
        )
        # ?vintage=2011|2021 shows one LSOA vintage: the two overlap, so a map never mixes them.
        query = LsoaQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        if query.validated_data.get("vintage"):
            memberships = memberships.filter(lsoa__vintage=query.validated_data["vintage"])
        value = NeighbourhoodMap(neighbourhood=neighbourhood, memberships=memberships)
        return Response(NeighbourhoodMapSerializer(value, context=self.get_serializer_context()).data)
