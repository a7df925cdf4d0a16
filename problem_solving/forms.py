"""Plan forms (GOV.UK patterns): one per SARA stage, plus the action, submit, review and close forms."""

from __future__ import annotations

from typing import Any

from django import forms

from core.govuk_forms import govuk_fields
from problem_solving.models import Plan, PlanAction
from problem_solving.services import STAGES

STAGE_TITLES = {
    "overview": "Title, owner, objectives and risk",
    "scanning": "Scanning",
    "analysis": "Analysis",
    "response": "Response",
    "assessment": "Assessment",
}


def _yes_no(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("True", "Yes"), ("False", "No")],
        coerce=lambda v: v == "True",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class StartForm(forms.Form):
    title = forms.CharField(label="Plan title", max_length=200)
    owner_name = forms.CharField(
        label="Plan owner",
        max_length=200,
        help_text="The person or agency whose primary function best fits the problem: may be a partner.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)


def stage_form(stage: str) -> type[forms.ModelForm]:  # type: ignore[type-arg]
    """The ModelForm class for STAGE's fields (services.STAGES), with a hidden version for the edit check."""
    field_names = list(STAGES[stage])

    class StageForm(forms.ModelForm):  # type: ignore[type-arg]
        version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

        class Meta:
            model = Plan
            fields = field_names

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for name, field in list(self.fields.items()):
                if name.startswith("cheers_") and not name.endswith("_note"):
                    self.fields[name] = _yes_no(str(field.label))
                elif name.endswith("_note"):
                    field.label = "Note"
            if self.instance.pk and not self.is_bound:
                self.initial["version"] = self.instance.version
            govuk_fields(self)

        def values(self) -> dict[str, Any]:
            return {name: self.cleaned_data[name] for name in field_names}

    return StageForm


class ActionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PlanAction
        fields = ["kind", "description", "owner_name", "owner_type", "due_on", "status", "notes", "intelligence_urn"]
        help_texts = {
            "intelligence_urn": "Intelligence actions only: the report's URN, never its content.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == PlanAction.Kind.INTELLIGENCE and not (data.get("intelligence_urn") or "").strip():
            self.add_error("intelligence_urn", "Enter the intelligence report URN for an intelligence action")
        return data


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReviewForm(VersionForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve the plan"), ("return", "Return it with comments")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comments", required=False, widget=forms.Textarea, help_text="Required when you return the plan."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", "Enter comments saying what needs to change")
        return data


class PeriodicReviewForm(forms.Form):
    note = forms.CharField(label="What the review found", widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)


class CloseForm(VersionForm):
    justification = forms.CharField(label="Why the plan is closing", widget=forms.Textarea)
    raisers_satisfied = forms.ChoiceField(
        label="Are those who raised the issue satisfied with the outcome",
        choices=Plan.Met.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)
