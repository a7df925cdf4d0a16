"""The period picker of the dashboards and the self-assessment form (GOV.UK errors naming the field)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from django import forms

from core.govuk_forms import govuk_fields
from performance.compute import Period, add_months, default_period

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class PeriodForm(forms.Form):
    """Whole calendar months ending with a given month (police.uk publishes by month)."""

    months = forms.TypedChoiceField(
        label="Months",
        coerce=int,
        choices=[(1, "1 month"), (3, "3 months"), (6, "6 months"), (12, "12 months")],
        required=False,
    )
    ending = forms.CharField(
        label="Last month", required=False, max_length=7, help_text="Year and month, for example 2026-03"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)
        months: Any = self.fields["months"]
        months.widget = forms.Select(choices=months.choices)

    def clean_ending(self) -> dt.date | None:
        text = (self.cleaned_data.get("ending") or "").strip()
        if not text:
            return None
        match = MONTH_RE.match(text)
        if match is None:
            raise forms.ValidationError("Last month must be a year and month, like 2026-03")
        return dt.date(int(match[1]), int(match[2]), 1)

    def period(self, today: dt.date | None = None) -> Period:
        default = default_period(today)
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        months = data.get("months") or 3
        ending = data.get("ending") or default.end.replace(day=1)
        last = ending.replace(day=calendar.monthrange(ending.year, ending.month)[1])
        return Period(add_months(ending, -(months - 1)), last)
