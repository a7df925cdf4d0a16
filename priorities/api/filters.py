"""Query-string filters for the priorities register API: each value validated by its form field (a bad one is a
400 naming the parameter, never a database error).
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from priorities.models import Priority


class PriorityFilter(django_filters.FilterSet):
    force = django_filters.CharFilter(
        field_name="neighbourhood__force__slug", max_length=64, help_text="police.uk force id."
    )
    neighbourhood = django_filters.NumberFilter(
        field_name="neighbourhood_id", min_value=1, help_text="Neighbourhood id."
    )
    status = django_filters.ChoiceFilter(choices=Priority.Status.choices)
    category = django_filters.ChoiceFilter(choices=Priority.Category.choices)
    changed_from = django_filters.DateFilter(method="changed_since", help_text="Changed on or after (YYYY-MM-DD).")
    changed_to = django_filters.DateFilter(method="changed_until", help_text="Changed on or before (YYYY-MM-DD).")

    class Meta:
        model = Priority
        fields = ["force", "neighbourhood", "status", "category"]

    def changed_since(self, queryset: QuerySet[Priority], name: str, value: object) -> QuerySet[Priority]:
        return queryset.filter(history__history_date__date__gte=value).distinct()  # type: ignore[misc]

    def changed_until(self, queryset: QuerySet[Priority], name: str, value: object) -> QuerySet[Priority]:
        return queryset.filter(history__history_date__date__lte=value).distinct()  # type: ignore[misc]
