"""Query-string filters for the geography API (django-filter): each is validated by its form field, so a
malformed value (``?force=%00``) is a 400 naming the parameter, never a database error.
"""

from __future__ import annotations

import django_filters

from geography.models import Neighbourhood


class NeighbourhoodFilter(django_filters.FilterSet):
    force = django_filters.CharFilter(
        field_name="force__slug", max_length=64, help_text="police.uk force id, e.g. west-yorkshire."
    )
    code = django_filters.CharFilter(max_length=64, help_text="police.uk neighbourhood id within its force.")

    class Meta:
        model = Neighbourhood
        fields = ["force", "code"]
