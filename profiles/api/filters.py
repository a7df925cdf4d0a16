"""Query-string filters of the profiles API: a malformed value is a 400 naming the parameter."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from geography.models import Neighbourhood


class ProfileFilter(django_filters.FilterSet):
    force = django_filters.CharFilter(field_name="force__slug", max_length=64, help_text="police.uk force id.")
    # A choice, not a BooleanFilter: django-filter ignores a boolean it cannot read, and "started=maybe" should
    # be a 400 naming the parameter, not the whole list.
    started = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_started",
        help_text="true: only neighbourhoods whose profile exists; false: only those without one.",
    )

    class Meta:
        model = Neighbourhood
        fields = ["force", "started"]

    def filter_started(self, queryset: QuerySet[Neighbourhood], name: str, value: str) -> QuerySet[Neighbourhood]:
        return queryset.filter(profile__isnull=value != "true")
