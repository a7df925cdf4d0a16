"""Query-string filters of the deployment API: a malformed value is a 400 naming the parameter."""

from __future__ import annotations

import django_filters

from deployment.models import ScoreRun


class RunFilter(django_filters.FilterSet):
    scope = django_filters.CharFilter(max_length=64, help_text="A police.uk force id, or national.")
    current = django_filters.BooleanFilter(field_name="is_current", help_text="Only the current run of each scope.")
    vintage = django_filters.TypedChoiceFilter(choices=[(2011, "2011"), (2021, "2021")], coerce=int)

    class Meta:
        model = ScoreRun
        fields = ["scope", "current", "vintage"]
