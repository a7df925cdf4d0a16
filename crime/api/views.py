"""The internal crime API: records at their snap points (paginated) and counts by month and category.

Crimes are public police.uk data, but the API follows the neighbourhoods a user may see
(``Crime.objects.visible_to``), like every other NPT endpoint. Counts come from ``crime.queries`` and state
the months they cover: a month without data is listed as missing, never counted as 0.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import HasPerm
from crime.api.filters import CrimeFilter
from crime.api.serializers import CountsSerializer, CrimeSerializer
from crime.coverage import month_span
from crime.models import Crime
from crime.queries import crime_counts
from crime.summary import SOURCE, months_with_data
from geography.api.permissions import VIEW_NEIGHBOURHOOD

# Crimes are read through the neighbourhoods they lie in, so the API asks the neighbourhood API's permission
# (core.api.HasPerm) and scopes rows by the same visible_to.


class CrimeList(generics.ListAPIView[Crime]):
    """police.uk records in the areas you can see, newest month first; filter by area, months and category."""

    permission_classes = [HasPerm]
    required_perm = VIEW_NEIGHBOURHOOD

    serializer_class = CrimeSerializer
    filterset_class = CrimeFilter

    def get_queryset(self) -> QuerySet[Crime]:
        return (
            Crime.objects.visible_to(self.request.user)
            .only("crime_id", "category", "month", "location", "location_text", "lsoa_code", "last_outcome", "context")
            .order_by("-month", "pk")
        )


class CountsQuery(serializers.Serializer[Any]):
    by = serializers.ChoiceField(choices=["month", "category", "month,category"], default="month,category")


@extend_schema(
    parameters=[
        CountsQuery,
        OpenApiParameter("neighbourhood", int, description="Neighbourhood id"),
        OpenApiParameter("lsoa", int, description="LSOA id"),
        OpenApiParameter("from", str, description="First month, YYYY-MM"),
        OpenApiParameter("to", str, description="Last month, YYYY-MM"),
        OpenApiParameter("category", str, description="police.uk category slug"),
    ],
    responses=CountsSerializer,
)
class CrimeCounts(generics.GenericAPIView[Crime]):
    """Counts of records by month and/or category for the areas you can see, with the months they cover."""

    permission_classes = [HasPerm]
    required_perm = VIEW_NEIGHBOURHOOD

    filterset_class = CrimeFilter
    pagination_class = None  # at most 60 months x 16 categories
    serializer_class = CountsSerializer

    def get_queryset(self) -> QuerySet[Crime]:
        return Crime.objects.visible_to(self.request.user)

    def get(self, request: Request) -> Response:
        query = CountsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        filterset = CrimeFilter(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        window = filterset.form.cleaned_data
        start, end = window.get("from"), window.get("to")
        available = months_with_data()
        start = start or (available[0] if available else None)
        end = end or (available[-1] if available else None)
        by = tuple(query.validated_data["by"].split(","))
        neighbourhood = window.get("neighbourhood")
        months = month_span(start, end) if start and end else []
        results: list[dict[str, Any]] = []
        coverage = None
        if start and end and available:
            counts = crime_counts(
                by=by,
                start=start,
                end=end,
                queryset=filterset.qs,
                # The neighbourhood also says whose force's months the coverage is about.
                neighbourhoods=[int(neighbourhood)] if neighbourhood else None,
            )
            coverage = counts.coverage
            results = [dict(zip(by, key, strict=True), count=n) for key, n in sorted(counts.items(), key=_order)]
        covered = set(coverage.months) if coverage else set()
        data = {
            "source": SOURCE,
            "start": start,
            "end": end,
            "coverage": coverage.statement() if coverage else "No police.uk data is loaded.",
            "months_covered": [month for month in months if month in covered],
            "months_missing": [month for month in months if month not in covered],
            "gaps": [
                {"force": gap.force, "month": gap.month, "note": gap.note}
                for gap in (coverage.gaps if coverage else [])
            ],
            "results": results,
        }
        return Response(CountsSerializer(data).data)


def _order(item: tuple[tuple[Any, ...], int]) -> tuple[str, ...]:
    return tuple(str(part) for part in item[0])
