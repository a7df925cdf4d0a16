"""Forms for the KIN (rounds, the tactical KIN's priority, disbanding) and the plan (its query string, planned
engagement that is not an event) (GOV.UK patterns, issue 9).
"""

from __future__ import annotations

from typing import Any

from django import forms

from core.govuk_forms import govuk_fields
from engagement.models import CommunityGroup, EngagementEvent, KeyContact, PlannedEngagement
from geography.models import Neighbourhood


class KinRoundForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of round",
        choices=[
            (EngagementEvent.Kind.ONLINE, "Online survey or email round"),
            (EngagementEvent.Kind.DOOR_TO_DOOR, "Door-to-door"),
            (EngagementEvent.Kind.OTHER, "Phone round or other"),
        ],
    )
    title = forms.CharField(label="What the round was about", max_length=200)
    on = forms.DateField(label="Date")
    method = forms.ChoiceField(label="How members were contacted", choices=KeyContact.Preference.choices)
    members = forms.ModelMultipleChoiceField(
        label="Members contacted", queryset=KeyContact.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label="What they said", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Police only."
    )

    def __init__(self, *args: Any, neighbourhood: Neighbourhood, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members: Any = self.fields["members"]
        members.queryset = KeyContact.objects.of_neighbourhood(neighbourhood).kin().filter(consents_to_contact=True)
        members.help_text = "Only members who agreed to be contacted are listed."
        govuk_fields(self)


class PlanForm(forms.Form):
    """The gap check's window: 1 to 36 months, 12 by default; anything else is a 400, never a 500."""

    months = forms.IntegerField(required=False, min_value=1, max_value=36)


def priority_model() -> Any:
    """priorities.Priority through the register's string FK: feature apps never import each other's models."""
    return KeyContact._meta.get_field("kin_priority").related_model


class KinLinkForm(forms.Form):
    """Link tactical KIN members to the open priority they were gathered for (guide 8525–8536)."""

    priority = forms.ModelChoiceField(label="Priority", queryset=KeyContact.objects.none())
    members = forms.ModelMultipleChoiceField(
        label="Tactical KIN members", queryset=KeyContact.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, neighbourhood: Neighbourhood, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        priority: Any = self.fields["priority"]
        priority.queryset = (
            priority_model()
            .objects.filter(neighbourhood=neighbourhood, status__in=["proposed", "active"])
            .order_by("title")
        )
        priority.help_text = "Open priorities of this neighbourhood."
        members: Any = self.fields["members"]
        members.queryset = KeyContact.objects.of_neighbourhood(neighbourhood).kin().filter(kin_type="tactical")
        members.help_text = "A member already linked to another priority moves to this one."
        for field in self.fields.values():
            field.error_messages.update(
                required=f"Select {str(field.label).lower()}",
                invalid_choice=f"Select {str(field.label).lower()} from the list",
                invalid_pk_value=f"Select {str(field.label).lower()} from the list",
            )
        govuk_fields(self)


class KinDisbandForm(forms.Form):
    """Thank and disband a closed priority's tactical KIN; ticked members move into the strategic KIN."""

    keep_as_strategic = forms.ModelMultipleChoiceField(
        label="Move into the strategic KIN",
        queryset=KeyContact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only members who want to stay in touch. The others leave the KIN but stay in the register.",
    )

    def __init__(self, *args: Any, priority: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["keep_as_strategic"]
        field.queryset = KeyContact.objects.filter(kin_priority=priority).order_by("organisation", "role")
        field.error_messages.update(
            invalid_choice="Select members of this tactical KIN from the list",
            invalid_pk_value="Select members of this tactical KIN from the list",
        )
        govuk_fields(self)


class PlannedForm(forms.ModelForm):
    """Planned engagement that is not an event, for one of the profile's groups to engage."""

    class Meta:
        model = PlannedEngagement
        fields = ["group", "how", "where", "when", "planned_on", "tier"]

    def __init__(self, *args: Any, neighbourhood: Neighbourhood, tier: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group: Any = self.fields["group"]
        group.queryset = (
            CommunityGroup.objects.of_neighbourhood(neighbourhood).at_most(tier).filter(to_engage=True).order_by("name")
        )
        group.label = "Group"
        self.fields["how"].widget = forms.RadioSelect(choices=self.fields["how"].choices)  # type: ignore[attr-defined]
        self.fields["tier"].widget = forms.RadioSelect(choices=self.fields["tier"].choices)  # type: ignore[attr-defined]
        govuk_fields(self)

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DoneForm(forms.Form):
    done_on = forms.DateField(label="Date done")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)
