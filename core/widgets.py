"""Form widgets in the GOV.UK Design System's shape, rendered by templates/includes/field.html."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms


class GovukDateInput(forms.MultiWidget):
    """Day, month and year boxes (GOV.UK 'date input' pattern) for a ``forms.DateField``.

    What the person typed comes back unchanged after a validation error: the three parts are joined
    as ``year-month-day`` for ``DateField`` to parse, and split again when the form is re-rendered.
    """

    template_name = "core/widgets/date_input.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        numeric = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__({part: forms.TextInput(attrs=dict(numeric)) for part in self.parts}, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value:
            year, _, rest = value.partition("-")
            month, _, day = rest.partition("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        day, month, year = (str(part or "").strip() for part in super().value_from_datadict(data, files, name))
        if not (day or month or year):
            return None
        return f"{year}-{month}-{day}"
