"""Query-string filters for the queries API: each value validated by its form field (a bad value is a 400)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from core.filters import IsoDateTimeFilter
from queries.models import Query


class QueryFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Query.Status.choices)
    topic = django_filters.ChoiceFilter(choices=Query.Topic.choices)
    neighbourhood = django_filters.NumberFilter(field_name="neighbourhood_id", min_value=1, max_value=2**31 - 1)
    received_after = IsoDateTimeFilter(field_name="received_at", lookup_expr="gte")
    received_before = IsoDateTimeFilter(field_name="received_at", lookup_expr="lt")
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Past 72 hours with no response.")

    class Meta:
        model = Query
        fields = ["status", "topic", "neighbourhood", "received_after", "received_before", "overdue"]

    def filter_overdue(self, queryset: QuerySet[Query], name: str, value: Any) -> QuerySet[Query]:
        if value is None:
            return queryset
        overdue = Query.objects.overdue(timezone.now()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class MeasuresFilter(django_filters.FilterSet):
    """The measures' period and area; the default is the last 28 days over every neighbourhood in scope."""

    start = IsoDateTimeFilter(method="noop", help_text="Start of the period (ISO 8601).")
    end = IsoDateTimeFilter(method="noop", help_text="End of the period, exclusive (ISO 8601).")
    neighbourhood = django_filters.NumberFilter(field_name="pk", min_value=1, max_value=2**31 - 1)

    def noop(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset
