"""The police side's queries API (docs/code-style.md §5, after geography/api)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import HasPerm
from core.tiers import Tier
from geography.models import Neighbourhood
from queries.api.filters import MeasuresFilter, QueryFilter
from queries.api.permissions import VIEW, VIEW_MEASURES, VIEW_SENDER
from queries.api.serializers import MeasuresSerializer, PersonSerializer, PoliceQuerySerializer, QuerySerializer
from queries.models import Query
from queries.selectors import default_period, named_officers, query_measures


class QueryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class QueryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Query]):
    """Queries in the reader's scope; the sender's details only for readers who may see them."""

    serializer_class = QuerySerializer
    pagination_class = QueryPagination
    filterset_class = QueryFilter
    permission_classes = [HasPerm]
    required_perms = {"list": VIEW, "retrieve": VIEW, "measures": VIEW_MEASURES}
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Query]:
        return Query.objects.visible_to(self.request.user).select_related("neighbourhood").order_by("due_at", "pk")

    def get_serializer_class(self) -> Any:
        # Police readers hold view_query_sender; the object rule (scope) is the queryset's.
        return PoliceQuerySerializer if self.request.user.has_perm(VIEW_SENDER) else QuerySerializer

    @extend_schema(
        filters=False,
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATETIME, description="Start of the period (ISO 8601)."),
            OpenApiParameter("end", OpenApiTypes.DATETIME, description="End of the period, exclusive (ISO 8601)."),
            OpenApiParameter("neighbourhood", OpenApiTypes.INT, description="One neighbourhood's id."),
        ],
        responses=MeasuresSerializer,
    )
    @action(detail=False, filterset_class=None, pagination_class=None)
    def measures(self, request: Request) -> Response:
        """The 72-hour measures over the neighbourhoods in scope (or one) for a period (default last 28 days)."""
        area = Neighbourhood.objects.visible_to(request.user)
        params = MeasuresFilter(request.query_params, queryset=area)
        if not params.is_valid():
            raise ValidationError(params.errors)
        start, end = default_period()
        start = params.form.cleaned_data.get("start") or start
        end = params.form.cleaned_data.get("end") or end
        if start >= end:
            raise ValidationError({"end": ["The end must be after the start."]})
        label = "All neighbourhoods in scope"
        neighbourhoods = params.qs
        if params.form.cleaned_data.get("neighbourhood"):
            label = ", ".join(n.name for n in neighbourhoods) or "No such neighbourhood in scope"
        result = query_measures(list(neighbourhoods), start, end, label=label, now=timezone.now())
        return Response(MeasuresSerializer(result).data)


class NeighbourhoodPeopleView(APIView):
    """A neighbourhood's published named officers, police.uk ``people`` shape: public, no sign-in."""

    permission_classes = [AllowAny]

    @extend_schema(responses=PersonSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        neighbourhood = get_object_or_404(Neighbourhood, pk=pk)
        people = named_officers(neighbourhood, tier=Tier.PUBLIC)
        return Response(PersonSerializer(people, many=True).data)
