"""The study form: GOV.UK messages that name the field; codes checked against the force's areas."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from accounts.tiers import max_tier
from core.govuk_forms import govuk_fields
from geography.models import LSOA, Force
from impact.areas import ALL_CRIME, force_areas
from impact.models import Comparison, ImpactStudy, Unit
from problem_solving.selectors import readable_plans

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
OUTCOMES = [
    ("anti-social-behaviour", "Anti-social behaviour"),
    ("burglary", "Burglary"),
    ("shoplifting", "Shoplifting"),
    ("criminal-damage-arson", "Criminal damage and arson"),
    ("violent-crime", "Violence and sexual offences"),
    (ALL_CRIME, "All crime (including anti-social behaviour)"),
]


class MonthField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("help_text", "Year and month, for example 2024-07")
        super().__init__(**kwargs)

    def clean(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        match = MONTH_RE.match(text.strip())
        if match is None:
            raise forms.ValidationError(f"{self.label} must be a year and month like 2024-07", code="invalid")
        return dt.date(int(match.group(1)), int(match.group(2)), 1)


def _codes(text: str) -> list[str]:
    return [code for code in re.split(r"[\s,]+", text or "") if code]


class PlanChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference}: {obj.title} ({obj.neighbourhood.name})"


class StudyForm(forms.Form):
    force = forms.ModelChoiceField(queryset=Force.objects.order_by("name"), label="Force")
    name = forms.CharField(max_length=200, label="Study name")
    unit = forms.TypedChoiceField(choices=Unit.choices, label="Areas are", initial=Unit.NEIGHBOURHOOD)
    vintage = forms.TypedChoiceField(
        choices=[(2021, "LSOA 2021"), (2011, "LSOA 2011")], coerce=int, label="LSOA vintage", initial=2021
    )
    plan = PlanChoiceField(
        queryset=None,
        required=False,
        label="SARA problem-solving plan (optional)",
        help_text="The plan whose response this study evaluates; with no treated areas, its neighbourhood is treated",
    )
    treated = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Treated areas",
        help_text="Neighbourhood or LSOA codes, separated by commas or new lines",
    )
    comparison = forms.TypedChoiceField(choices=Comparison.choices, label="Comparison group", initial=Comparison.REST)
    comparison_codes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Comparison areas",
        help_text="Only when you choose the areas yourself",
    )  # fmt: skip
    matches_per_area = forms.IntegerField(min_value=1, max_value=20, initial=3, label="Matches per treated area")
    buffer_codes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Displacement buffer areas",
        help_text="Optional: areas next to the treated ones where crime might move",
    )  # fmt: skip
    buffer_comparison_codes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Buffer comparison areas",
        help_text="The buffer's own control; needed when you give a buffer",
    )  # fmt: skip
    intervention_date = forms.DateField(required=False, label="Intervention date", help_text="E.g. officers posted")
    before_start = MonthField(label="Before window starts")
    before_end = MonthField(label="Before window ends")
    after_start = MonthField(label="After window starts")
    after_end = MonthField(label="After window ends")
    outcomes = forms.MultipleChoiceField(
        choices=OUTCOMES, widget=forms.CheckboxSelectMultiple, label="Outcomes", initial=[ALL_CRIME]
    )

    def __init__(self, *args: Any, force: Force | None, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The plans this user may read (problem_solving's selector: scope and tier), of their force if they have one.
        plans = readable_plans(user, max_tier(user)).order_by("-reference")
        plan_field: Any = self.fields["plan"]
        plan_field.queryset = plans.filter(neighbourhood__force=force) if force is not None else plans
        govuk_fields(self)
        self.fields["outcomes"].error_messages["required"] = "Select at least one outcome"
        self.fields["plan"].error_messages["invalid_choice"] = "Select a SARA plan from the list"
        self.fixed_force = force
        if force is not None:
            del self.fields["force"]  # a force user studies their own force

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        before_start, before_end = data.get("before_start"), data.get("before_end")
        after_start, after_end = data.get("after_start"), data.get("after_end")
        if before_start and before_end and before_end < before_start:
            self.add_error("before_end", "Before window ends must be on or after the month it starts")
        if after_start and after_end and after_end < after_start:
            self.add_error("after_end", "After window ends must be on or after the month it starts")
        if before_end and after_start and after_start <= before_end:
            self.add_error("after_start", "After window starts must be after the before window ends")
        force = self.fixed_force or data.get("force")
        if force is None:
            return data
        probe = ImpactStudy(
            force=force, unit=data.get("unit") or Unit.NEIGHBOURHOOD, vintage=data.get("vintage") or 2021
        )
        known = force_areas(probe)
        plan = data.get("plan")
        if plan is not None and plan.neighbourhood.force_id != force.pk:
            self.add_error("plan", f"SARA problem-solving plan: {plan.reference} is not a plan of {force.name}")
        elif plan is not None and not _codes(data.get("treated", "")):
            data["treated"] = " ".join(_plan_areas(plan, probe))
        for name in ("treated", "comparison_codes", "buffer_codes", "buffer_comparison_codes"):
            codes = _codes(data.get(name, ""))
            unknown = [code for code in codes if code not in known]
            if unknown:
                label = self.fields[name].label
                self.add_error(name, f"{label}: {', '.join(unknown[:5])} not found in {force.name}")
            data[name] = codes
        if not data.get("treated") and "treated" not in self.errors:
            self.add_error("treated", "Enter the treated areas, or choose a SARA plan")
        if (
            data.get("comparison") == Comparison.MANUAL
            and not data.get("comparison_codes")
            and "comparison_codes" not in self.errors
        ):
            self.add_error("comparison_codes", "Enter comparison areas, or choose another comparison group")
        if bool(data.get("buffer_codes")) != bool(data.get("buffer_comparison_codes")):
            self.add_error("buffer_comparison_codes", "Buffer comparison areas are needed with a buffer, and only then")
        overlap = set(data.get("treated") or []) & set(data.get("comparison_codes") or [])
        if overlap:
            self.add_error("comparison_codes", f"Comparison areas cannot also be treated: {', '.join(sorted(overlap))}")
        return data

    def study_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["force"] = self.fixed_force or data["force"]
        return data


def _plan_areas(plan: Any, probe: ImpactStudy) -> list[str]:
    """The plan's neighbourhood, or its LSOAs of the study's vintage, as treated codes."""
    if probe.unit == Unit.NEIGHBOURHOOD:
        return [plan.neighbourhood.code]
    lsoas = LSOA.objects.of_vintage(probe.vintage).filter(neighbourhoods=plan.neighbourhood).order_by("code")
    return list(lsoas.values_list("code", flat=True))
