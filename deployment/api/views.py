"""The deployment API (docs/code-style.md §5): methods, runs, their scores, comparisons and the map layer.

Runs start from ``ScoreRun.objects.visible_to(user)`` and scores from ``visible_to`` too, so a run or a score
outside the reader's scope is a 404 or absent; ``HasPerm`` asks the permission named in deployment.permissions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import HasPerm
from crime.summary import CATEGORY_NAMES
from deployment.api.filters import RunFilter
from deployment.api.permissions import ADD_METHOD, VIEW_MAP, VIEW_METHOD, VIEW_RUN
from deployment.api.serializers import (
    BandQuery,
    CompareQuery,
    LSOALayerFeatureSerializer,
    LSOAScoreSerializer,
    MapPointLayerSerializer,
    MoveSerializer,
    NeighbourhoodScoreSerializer,
    ScoreRunSerializer,
    ScoringMethodSerializer,
)
from deployment.layers import LAYER_SECONDS, MAX_ZOOM, MIN_ZOOM, layer_cache_key, lsoa_layer_queryset
from deployment.models import ScoreRun, ScoringMethod
from deployment.overlays import OVERLAYS, overlay_points
from deployment.selectors import compare_runs, lsoa_scores, neighbourhood_scores, runs_visible
from deployment.services import method_new_version
from geography.models import Force, Neighbourhood


@extend_schema_view(
    list=extend_schema(summary="Scoring methods, every version"),
    retrieve=extend_schema(summary="One scoring method version"),
    create=extend_schema(summary="Create the next version of a method (the only way to change one)"),
)
class ScoringMethodViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ScoringMethodSerializer
    permission_classes = [HasPerm]
    required_perms = {"list": VIEW_METHOD, "retrieve": VIEW_METHOD, "create": ADD_METHOD}
    required_perm = VIEW_METHOD
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[ScoringMethod]:
        return ScoringMethod.objects.order_by("name", "-version", "pk")

    def perform_create(self, serializer: serializers.BaseSerializer[ScoringMethod]) -> None:
        from django.core.exceptions import ValidationError

        data = serializer.validated_data
        try:
            serializer.instance = method_new_version(
                name=data["name"],
                components=[dict(item) for item in data["components"]],
                parameters=data.get("parameters") or {},
                notes=data.get("notes", ""),
                actor=self.request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc


@extend_schema_view(
    list=extend_schema(summary="Score runs you may see (your force's and national runs)"),
    retrieve=extend_schema(summary="One score run: method, scope, vintage, edition, window and coverage"),
)
class ScoreRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ScoreRunSerializer
    filterset_class = RunFilter
    permission_classes = [HasPerm]
    required_perm = VIEW_RUN
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[ScoreRun]:
        return runs_visible(self.request.user).order_by("-started_at", "-pk")

    @extend_schema(
        summary="The run's neighbourhood ranking with per-component breakdowns",
        parameters=[BandQuery],
        responses=NeighbourhoodScoreSerializer(many=True),
        filters=False,
    )
    @action(detail=True, filterset_class=None)
    def neighbourhoods(self, request: Request, pk: str) -> Response:
        run = self.get_object()
        page = self.paginate_queryset(_banded(neighbourhood_scores(run, request.user), request))
        return self.get_paginated_response(NeighbourhoodScoreSerializer(page, many=True).data)

    @extend_schema(
        summary="The run's LSOA ranking with per-component breakdowns",
        parameters=[BandQuery],
        responses=LSOAScoreSerializer(many=True),
        filters=False,
    )
    @action(detail=True, filterset_class=None)
    def lsoas(self, request: Request, pk: str) -> Response:
        run = self.get_object()
        page = self.paginate_queryset(_banded(lsoa_scores(run, request.user), request))
        return self.get_paginated_response(LSOAScoreSerializer(page, many=True).data)

    @extend_schema(
        summary="Compare with another run: band moves and component contribution changes",
        parameters=[CompareQuery],
        responses=MoveSerializer(many=True),
        filters=False,
    )
    @action(detail=True, filterset_class=None, pagination_class=None)
    def compare(self, request: Request, pk: str) -> Response:
        """Not paginated: one row per neighbourhood in both runs, band movers first."""
        run = self.get_object()
        query = CompareQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        other = get_object_or_404(self.get_queryset(), pk=query.validated_data["other"])
        if not request.user.has_perm(VIEW_RUN, other):
            return Response(status=status.HTTP_403_FORBIDDEN)
        return Response(MoveSerializer(compare_runs(other, run, request.user), many=True).data)


def _banded(rows: Any, request: Request) -> Any:
    query = BandQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    band = query.validated_data.get("band")
    return rows.filter(band=band) if band else rows


class LayerQuery(serializers.Serializer[dict[str, Any]]):
    force = serializers.SlugField(max_length=64, help_text="police.uk force id: the layer is one force's LSOAs.")
    zoom = serializers.IntegerField(min_value=MIN_ZOOM, max_value=MAX_ZOOM, default=11)
    vintage = serializers.ChoiceField(choices=[2011, 2021], default=2011)


class PointsQuery(serializers.Serializer[dict[str, Any]]):
    force = serializers.SlugField(max_length=64, help_text="police.uk force id: the layer is one force's points.")
    layer = serializers.ChoiceField(choices=[key for key, _ in OVERLAYS])
    month = serializers.RegexField(
        r"^[0-9]{4}-(0[1-9]|1[0-2])$", required=False, help_text="Crime points: YYYY-MM (default: the latest loaded)."
    )
    category = serializers.ChoiceField(
        choices=sorted(CATEGORY_NAMES), required=False, help_text="Crime points: one police.uk crime type."
    )


class MapLayerViewSet(viewsets.GenericViewSet):
    """Map layers. The LSOA layer is returned whole for one force (a choropleth needs every polygon at once);
    geometry is simplified for the zoom and the rendered layer cached (deployment.layers).
    """

    permission_classes = [HasPerm]
    required_perm = VIEW_MAP
    serializer_class = LSOALayerFeatureSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Neighbourhood]:
        return Neighbourhood.objects.visible_to(self.request.user)

    @extend_schema(
        summary="One force's LSOAs as a FeatureCollection: IMD decile, crime rate, and for police score and band",
        parameters=[LayerQuery],
        responses=LSOALayerFeatureSerializer(many=True),
    )
    @action(detail=False)
    def lsoas(self, request: Request) -> HttpResponse:
        query = LayerQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        force = get_object_or_404(Force, slug=query.validated_data["force"])
        if not self.get_queryset().filter(force=force).exists():
            return Response(status=status.HTTP_404_NOT_FOUND)  # no neighbourhood of it in scope: existence hidden
        zoom, vintage = query.validated_data["zoom"], int(query.validated_data["vintage"])
        key = layer_cache_key(force=force, user=request.user, zoom=zoom, vintage=vintage)
        body = cache.get(key)
        if body is None:
            lsoas, _ = lsoa_layer_queryset(force=force, user=request.user, zoom=zoom, vintage=vintage)
            # The rendered JSON is cached, so a warm request is a cache read: no serializing 1,700 polygons again.
            body = JSONRenderer().render(LSOALayerFeatureSerializer(lsoas, many=True).data)
            cache.set(key, body, LAYER_SECONDS)
        return HttpResponse(body, content_type="application/json")

    @extend_schema(
        summary="One force's point layer: active priorities, upcoming events or police.uk crime points, by tier",
        parameters=[PointsQuery],
        responses=MapPointLayerSerializer,
    )
    @action(detail=False)
    def points(self, request: Request) -> Response:
        """Not paginated: the map draws the layer whole. Priorities and events are cut to the reader's tier;
        crime points are police.uk's published snap points, the busiest first (deployment.overlays).
        """
        query = PointsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        force = get_object_or_404(Force, slug=data["force"])
        if not self.get_queryset().filter(force=force).exists():
            return Response(status=status.HTTP_404_NOT_FOUND)  # no neighbourhood of it in scope: existence hidden
        month = dt.date.fromisoformat(data["month"] + "-01") if data.get("month") else None
        overlay = overlay_points(
            key=data["layer"], force=force, user=request.user, month=month, category=data.get("category")
        )
        return Response(MapPointLayerSerializer(overlay).data)
