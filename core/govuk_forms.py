"""Small helpers for GOV.UK-style forms outside profiles (engagement events, priorities; issue 9).

Error messages name the field and say what to do, so an error summary of several is useful
(the same rule as ``profiles.forms.govuk_error_messages``, which profiles keeps for its own forms).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from core.widgets import GovukDateInput

DATE_EXAMPLE = "27 3 2026"
TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _lower(label: str) -> str:
    return label if len(label) > 1 and label[1].isupper() else label[:1].lower() + label[1:]


def messages_for(field: forms.Field) -> dict[str, str]:
    label = str(field.label or "this")
    if isinstance(field, forms.DateField):
        return {
            "required": f"Enter {_lower(label)}, like {DATE_EXAMPLE}",
            "invalid": f"{label} must be a real date, like {DATE_EXAMPLE}",
        }
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {
            "invalid_choice": f"Select {_lower(label)} from the list",
            "invalid_pk_value": f"Select {_lower(label)} from the list",
            "invalid_list": f"Select {_lower(label)} from the list",
        }
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return {"required": f"Select {_lower(label)}", "invalid_choice": f"Select {_lower(label)} from the list"}
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        return {
            "required": f"Enter {_lower(label)}",
            "invalid": f"{label} must be a number",
            "min_value": f"{label} must be %(limit_value)s or more",
            "max_value": f"{label} must be %(limit_value)s or less",
            "max_digits": f"{label} must have no more than %(max)s digits",
            "max_decimal_places": f"{label} must have no more than %(max)s decimal places",
        }
    return {"required": f"Enter {_lower(label)}", "max_length": f"{label} must be %(limit_value)s characters or fewer"}


def govuk_fields(form: forms.BaseForm) -> None:
    """Dates get the three-box date input; small choice lists become radios; every message names its field."""
    field: Any
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and not isinstance(field.widget, GovukDateInput):
            field.widget = GovukDateInput()
            field.help_text = field.help_text or f"For example, {DATE_EXAMPLE}"
        elif isinstance(field, forms.TypedChoiceField) and isinstance(field.widget, forms.Select):
            choices = [c for c in list(field.choices) if c[0] != ""]  # type: ignore[arg-type]
            if len(choices) <= 6:
                field.widget = forms.RadioSelect(choices=choices)
        field.error_messages.update(messages_for(field))


class TimeOfDayField(forms.CharField):
    """A 24-hour time typed as 19:30 (GOV.UK asks for times as text, not a picker)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("help_text", "24-hour clock, for example 19:30")
        super().__init__(**kwargs)

    def clean(self, value: Any) -> dt.time | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        match = TIME_RE.match(text.strip())
        if match is None:
            raise forms.ValidationError(f"{self.label} must be a time like 19:30", code="invalid")
        return dt.time(int(match.group(1)), int(match.group(2)))
