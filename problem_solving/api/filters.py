"""Query-string filters for the plans API: each value validated by its form field (a bad one is a 400)."""

from __future__ import annotations

import django_filters

from problem_solving.models import Plan


class PlanFilter(django_filters.FilterSet):
    force = django_filters.CharFilter(
        field_name="neighbourhood__force__slug", max_length=64, help_text="police.uk force id."
    )
    neighbourhood = django_filters.NumberFilter(
        field_name="neighbourhood_id", min_value=1, help_text="Neighbourhood id."
    )
    priority = django_filters.NumberFilter(field_name="priority_id", min_value=1, help_text="Priority id.")
    status = django_filters.ChoiceFilter(choices=Plan.Status.choices)
    review_due_by = django_filters.DateFilter(
        field_name="next_review_on", lookup_expr="lte", help_text="Next review on or before (YYYY-MM-DD)."
    )

    class Meta:
        model = Plan
        fields = ["force", "neighbourhood", "priority", "status"]
