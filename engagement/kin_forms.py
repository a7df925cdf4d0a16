"""Forms for the KIN round and the plan's query string (GOV.UK patterns, issue 9)."""

from __future__ import annotations

from typing import Any

from django import forms

from core.govuk_forms import govuk_fields
from engagement.models import EngagementEvent, KeyContact
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
