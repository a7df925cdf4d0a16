"""Forms for survey runs and their questions (GOV.UK patterns, issue 9)."""

from __future__ import annotations

from typing import Any

from django import forms

from core.govuk_forms import govuk_fields
from engagement.models import CONFIDENCE_QUESTION, HEADLINE_QUESTION, SurveyResult, SurveyRun


class SurveyRunForm(forms.ModelForm):
    class Meta:
        model = SurveyRun
        fields = ["title", "purpose", "source", "starts_on", "ends_on", "responses", "tier"]
        help_texts = {"responses": "The sample size. Leave blank if it is not known."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("purpose", "source", "tier"):
            self.fields[name].widget = forms.RadioSelect(choices=self.fields[name].choices)  # type: ignore[attr-defined]
        govuk_fields(self)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Fieldwork ended must be on or after the day it started")
        return cleaned

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class QuestionForm(forms.Form):
    headline = forms.ChoiceField(
        label="Question",
        choices=[
            ("dealing", f"“{HEADLINE_QUESTION}”"),
            ("confidence", f"“{CONFIDENCE_QUESTION}”"),
            ("", "Another question"),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    question = forms.CharField(
        label="The other question", max_length=300, required=False, help_text="Only for another question."
    )
    measure = forms.ChoiceField(
        label="What the other question measures",
        choices=SurveyResult.Measure.choices,
        required=False,
        help_text="Only for another question.",
    )
    agreed = forms.IntegerField(label="How many agreed", min_value=0, max_value=10_000_000)
    answered = forms.IntegerField(
        label="How many answered the question", min_value=1, max_value=10_000_000, help_text="The response base."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not cleaned.get("headline") and "headline" not in self.errors:
            if not (cleaned.get("question") or "").strip():
                self.add_error("question", "Enter the other question, or choose a headline question")
            if not cleaned.get("measure"):
                self.add_error("measure", "Select what the other question measures")
        agreed, answered = cleaned.get("agreed"), cleaned.get("answered")
        if agreed is not None and answered is not None and agreed > answered:
            self.add_error("agreed", "How many agreed must be no more than how many answered")
        return cleaned
