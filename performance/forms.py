"""The period picker of the dashboards and the self-assessment form (GOV.UK errors naming the field)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from django import forms

from accounts.models import Team
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


class AssessmentStartForm(forms.Form):
    team: Any = forms.ModelChoiceField(label="Team", queryset=Team.objects.none())
    period_start = forms.DateField(label="Period start")
    period_end = forms.DateField(label="Period end")

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team: Any = self.fields["team"]
        team.queryset = teams
        govuk_fields(self)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Period end must be the same as or after the period start")
        return cleaned


EVIDENCE_HELP = "Links to NPT records, one a line, such as /priorities/12/ (copy the address after the site name)."


class AssessmentForm(forms.Form):
    """One rating, commentary and evidence field per question (guide 22438–22446), and the version loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from performance.models import Rating

        self.questions = questions
        for n, q in enumerate(questions, start=1):
            self.fields[f"{q.key}-rating"] = forms.ChoiceField(
                label=f"Question {n} rating", choices=Rating.choices, required=False, widget=forms.RadioSelect
            )
            self.fields[f"{q.key}-commentary"] = forms.CharField(
                label=f"Question {n} commentary", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"{q.key}-evidence"] = forms.CharField(
                label=f"Question {n} evidence links",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=EVIDENCE_HELP,
            )
        for field in self.fields.values():
            field.error_messages.update(
                {"invalid_choice": f"Select {str(field.label).lower()} from the list", "required": "Reload the page"}
            )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        for n, q in enumerate(self.questions, start=1):
            name = f"{q.key}-evidence"
            lines = [line.strip() for line in (cleaned.get(name) or "").splitlines() if line.strip()]
            if any(not line.startswith("/") or line.startswith("//") for line in lines):
                self.add_error(name, f"Question {n} evidence links must be NPT addresses starting with /, one a line")
            else:
                cleaned[name] = "\n".join(lines)
        return cleaned

    def answers(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            q.key: {
                "rating": data.get(f"{q.key}-rating", ""),
                "commentary": data.get(f"{q.key}-commentary", ""),
                "evidence": data.get(f"{q.key}-evidence", ""),
            }
            for q in self.questions
        }


class SignOffForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label="Inspector's note", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ThresholdForm(forms.Form):
    """A force's green and amber starting points for one measure (percent for shares and changes; per
    neighbourhood for counts). The version loaded guards against two people editing at once.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    direction = forms.ChoiceField(
        label="Which way is better",
        choices=[("higher", "Higher is better"), ("lower", "Lower is better")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select which way is better", "invalid_choice": "Select which way is better"},
    )
    green = forms.FloatField(label="Green from")
    amber = forms.FloatField(label="Amber from")

    def __init__(self, *args: Any, unit: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hint = "A percentage, for example 80" if unit != "count" else "A number per neighbourhood, for example 2"
        for name in ("green", "amber"):
            self.fields[name].help_text = hint
        govuk_fields(self)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        direction, green, amber = cleaned.get("direction"), cleaned.get("green"), cleaned.get("amber")
        for name in ("green", "amber"):
            value = cleaned.get(name)
            if value is not None and (value != value or abs(value) > 1e9):  # NaN or absurd
                self.add_error(name, f"{self.fields[name].label} must be a number")
        if green is not None and amber is not None and not self.errors:
            if direction == "higher" and green < amber:
                self.add_error("green", "Green from must be at or above amber from when higher is better")
            if direction == "lower" and green > amber:
                self.add_error("green", "Green from must be at or below amber from when lower is better")
        return cleaned
