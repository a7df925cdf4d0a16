"""Query parameters of the crime API: area, window of months and category, validated (bad values are a 400)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import django_filters
from django import forms

from crime.coverage import month_span
from crime.models import Crime
from crime.summary import CATEGORY_NAMES, MAX_MONTHS

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class MonthField(forms.CharField):
    """A police.uk month, ``YYYY-MM``, cleaned to its first day."""

    default_error_messages = {"invalid": "Enter a month as YYYY-MM, like 2024-03."}

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        match = _MONTH.match(text)
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return dt.date(int(match[1]), int(match[2]), 1)


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class WindowForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end:
            if start > end:
                self.add_error("to", "The last month must be the same as or after the first month.")
            elif len(month_span(start, end)) > MAX_MONTHS:
                self.add_error("to", f"Choose a window of {MAX_MONTHS} months or fewer.")
        return cleaned


class CrimeFilter(django_filters.FilterSet):
    """``neighbourhood`` and ``lsoa`` are ids; ``from`` and ``to`` are months, inclusive; ``category`` a police.uk slug."""

    neighbourhood = django_filters.NumberFilter(field_name="neighbourhood_id", min_value=1, max_value=2**31 - 1)
    lsoa = django_filters.NumberFilter(
        method="in_lsoa", min_value=1, max_value=2**31 - 1, label="LSOA id (2011 or 2021)"
    )
    category = django_filters.ChoiceFilter(choices=sorted(CATEGORY_NAMES.items()))

    class Meta:
        model = Crime
        fields = ["neighbourhood", "lsoa", "category"]
        form = WindowForm

    def in_lsoa(self, queryset: Any, name: str, value: int) -> Any:
        """An LSOA of either vintage: each crime links to the LSOA of every loaded vintage (ADR 0007)."""
        return queryset.in_lsoas([value])

    @classmethod
    def get_filters(cls) -> dict[str, django_filters.Filter]:
        filters = super().get_filters()
        # "from" is a Python keyword, so these two are added by name rather than declared.
        filters["from"] = MonthFilter(field_name="month", lookup_expr="gte", label="First month (YYYY-MM)")
        filters["to"] = MonthFilter(field_name="month", lookup_expr="lte", label="Last month (YYYY-MM)")
        return filters
