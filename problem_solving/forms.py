"""Plan forms (GOV.UK patterns): one per SARA stage, plus the action, submit, review and close forms."""

from __future__ import annotations

from typing import Any

from django import forms

from core.govuk_forms import govuk_fields
from geography.models import LSOA
from problem_solving.closing import DECIDED_BY, PRIORITY_CLOSINGS
from problem_solving.evidence import CATEGORY_CHOICES
from problem_solving.models import Plan, PlanAction, PlanActivity
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


class ActionEditForm(ActionForm):
    """Change an action: the version it was loaded at goes with the form, so two edits never silently meet."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class EvidenceForm(VersionForm):
    """The plan's area (LSOAs of its neighbourhood; none: all of it), categories and windows."""

    lsoas = forms.ModelMultipleChoiceField(
        label="LSOAs in the plan's area",
        queryset=LSOA.objects.none(),  # set per plan: its neighbourhood's LSOAs
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to use the whole neighbourhood.",
    )
    categories = forms.MultipleChoiceField(
        label="Crime and ASB categories",
        choices=CATEGORY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to count every category.",
    )
    intervention_start = forms.DateField(
        label="When the response started",
        required=False,
        help_text="The before window ends the month before; the after window starts this month.",
    )
    evidence_months = forms.IntegerField(
        label="Months in each window", min_value=1, max_value=24, help_text="Equal-length windows, 1 to 24 months."
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["lsoas"]
        field.queryset = plan.neighbourhood.lsoas.order_by("vintage", "code")
        field.label_from_instance = lambda lsoa: f"{lsoa.code} {lsoa.name}".strip()
        govuk_fields(self)


class ActivityForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PlanActivity
        fields = ["kind", "occurred_on", "summary", "attendees", "decisions"]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {"attendees": "Meetings only: names and organisations.", "decisions": "What was agreed."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)


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
    close_priority = forms.ChoiceField(
        label="The plan's priority",
        choices=PRIORITY_CLOSINGS,
        required=False,
        widget=forms.RadioSelect,
        help_text="The priority closes with this plan's justification, satisfaction and outcome.",
    )
    decided_by = forms.ChoiceField(
        label="Who decided the priority is closing", choices=DECIDED_BY, required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, with_priority: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_priority:  # no open priority to ask about
            del self.fields["close_priority"]
            del self.fields["decided_by"]
        govuk_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("close_priority") and not data.get("decided_by"):
            self.add_error("decided_by", "Select who decided the priority is closing")
        return data
