"""The window of months (and, for the map, a category) a crime page shows; read from the query string."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from crime.coverage import month_span
from crime.summary import CATEGORY_NAMES, MAX_MONTHS, default_window

PARAMS = ("from", "to", "category")


def _month_value(month: dt.date) -> str:
    return month.strftime("%Y-%m")


class CrimeWindowForm(forms.Form):
    """From and to months, picked from the months imported; an optional category for the map."""

    def __init__(self, data: Any = None, *, available: list[dt.date]) -> None:
        super().__init__(data)
        choices = [(_month_value(month), month.strftime("%B %Y")) for month in available]
        self.available = available
        self.fields["from"] = forms.ChoiceField(
            label="From",
            choices=choices,
            error_messages={"required": "Select the first month", "invalid_choice": "Select a month from the list"},
        )
        self.fields["to"] = forms.ChoiceField(
            label="To",
            choices=choices,
            error_messages={"required": "Select the last month", "invalid_choice": "Select a month from the list"},
        )
        self.fields["category"] = forms.ChoiceField(
            label="Crime type on the map",
            required=False,
            choices=[("", "All types"), *sorted(CATEGORY_NAMES.items(), key=lambda item: item[1])],
            error_messages={"invalid_choice": "Select a crime type from the list"},
        )

    @classmethod
    def from_query(cls, query: Any, *, available: list[dt.date]) -> CrimeWindowForm:
        """Bound to the query string when it names any of the form's fields, else showing the default window."""
        if any(name in query for name in PARAMS):
            return cls(query, available=available)
        form = cls(None, available=available)
        window = default_window(available)
        if window is not None:
            start = min(month for month in available if month >= window[0])
            form.initial = {"from": _month_value(start), "to": _month_value(window[1])}
        return form

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end:
            first = dt.date.fromisoformat(f"{start}-01")
            last = dt.date.fromisoformat(f"{end}-01")
            if first > last:
                self.add_error("to", "The last month must be the same as or after the first month")
            elif len(month_span(first, last)) > MAX_MONTHS:
                self.add_error("to", f"Choose a window of {MAX_MONTHS} months or fewer")
            else:
                cleaned["start"], cleaned["end"] = first, last
        return cleaned

    def window(self) -> tuple[dt.date, dt.date] | None:
        """The window to show: the valid bound one, the default when unbound, None when invalid or no data."""
        if self.is_bound:
            if self.is_valid():
                return self.cleaned_data["start"], self.cleaned_data["end"]
            return None
        return default_window(self.available)

    def category(self) -> str | None:
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("category") or None
        return None
