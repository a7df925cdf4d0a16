"""Query-string filters for the KIN API: each value validated by its form field (a bad one is a 400 naming the
parameter, never a database error).
"""

from __future__ import annotations

import django_filters

from engagement.models import KeyContact, KinType


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
