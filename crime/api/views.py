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

from crime.api.filters import CrimeFilter
from crime.api.serializers import CountsSerializer, CrimeSerializer
from crime.models import Crime
from crime.queries import crime_counts
from crime.summary import SOURCE, month_range, months_with_data


class CrimeList(generics.ListAPIView[Crime]):
    """police.uk records in the areas you can see, newest month first; filter by area, months and category."""

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
        counts = crime_counts(by=by, start=start, end=end, queryset=filterset.qs) if start and end and available else {}
        months = month_range(start, end) if start and end else []
        results = [dict(zip(by, key, strict=True), count=n) for key, n in sorted(counts.items(), key=_order)]
        data = {
            "source": SOURCE,
            "start": start,
            "end": end,
            "months_covered": [month for month in months if month in set(available)],
            "months_missing": [month for month in months if month not in set(available)],
            "results": results,
        }
        return Response(CountsSerializer(data).data)


def _order(item: tuple[tuple[Any, ...], int]) -> tuple[str, ...]:
    return tuple(str(part) for part in item[0])
