"""Query-string filters for the KIN API: each value validated by its form field (a bad one is a 400 naming the
parameter, never a database error).
"""

from __future__ import annotations

import django_filters

from engagement.models import EngagementEvent, KeyContact, KinType


class KinMemberFilter(django_filters.FilterSet):
    neighbourhood = django_filters.NumberFilter(
        field_name="profile__neighbourhood_id", min_value=1, help_text="Neighbourhood id."
    )
    kin_type = django_filters.ChoiceFilter(choices=KinType.choices, help_text="Strategic or tactical.")
    priority = django_filters.NumberFilter(
        field_name="kin_priority_id", min_value=1, help_text="The priority a tactical KIN was gathered for."
    )

    class Meta:
        model = KeyContact
        fields = ["neighbourhood", "kin_type", "priority"]


class EventFilter(django_filters.FilterSet):
    neighbourhood = django_filters.NumberFilter(
        field_name="neighbourhood_id", min_value=1, max_value=2**31 - 1, help_text="Neighbourhood id."
    )
    kind = django_filters.ChoiceFilter(choices=EngagementEvent.Kind.choices, help_text="The kind of event.")
    starts_after = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", help_text="Starting on or after (YYYY-MM-DD)."
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", help_text="Starting on or before (YYYY-MM-DD)."
    )

    class Meta:
        model = EngagementEvent
        fields = ["neighbourhood", "kind", "starts_after", "starts_before"]
