"""The form for a participation mechanism and its assessment (guide 1484–1489; GOV.UK patterns)."""

from __future__ import annotations

from typing import Any

from django import forms

from core.govuk_forms import govuk_fields
from engagement.mechanism_services import FIELDS
from engagement.models import CommunityGroup, ParticipationMechanism
from geography.models import Neighbourhood


class MechanismForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = ParticipationMechanism
        fields = [*FIELDS[:6], "groups_reached", *FIELDS[6:]]
        widgets = {
            "groups_reached": forms.CheckboxSelectMultiple,
            "reaches": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, neighbourhood: Neighbourhood, tier: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: Any = self.fields["groups_reached"]
        groups.queryset = CommunityGroup.objects.of_neighbourhood(neighbourhood).at_most(tier).order_by("name")
        groups.help_text = "Optional. The profile's groups that take part."
        self.fields["kind"].widget = forms.Select(choices=self.fields["kind"].choices)  # type: ignore[attr-defined]
        for name in ("run_by", "rating", "tier"):
            self.fields[name].widget = forms.RadioSelect(choices=self.fields[name].choices)  # type: ignore[attr-defined]
        self.fields["assessed_on"].help_text = "Needed once it is assessed. For example 27 3 2026."
        govuk_fields(self)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FIELDS}
