"""Query forms of the deployment pages: every value validated, so a bad query string is an error summary."""

from __future__ import annotations

from typing import Any

from django import forms

from crime.summary import CATEGORY_NAMES
from deployment.models import ScoreRun
from deployment.overlays import OVERLAYS

LAYERS = [
    ("imd_decile", "IMD decile"),
    ("score", "Deployment score"),
    ("band", "Band"),
    ("crime_rate", "Crime rate per 1,000 residents"),
]


class CompareForm(forms.Form):
    other = forms.ModelChoiceField(
        queryset=ScoreRun.objects.none(), label="Compare with run", help_text="An earlier run or another method."
    )

    def __init__(self, *args: Any, runs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = runs  # type: ignore[attr-defined]


class PlanForm(forms.Form):
    officers = forms.IntegerField(min_value=1, max_value=1000, label="Officers to post", initial=10)
    per_neighbourhood = forms.IntegerField(
        min_value=1, max_value=50, label="At most this many in one neighbourhood", initial=2
    )
    exclude = forms.MultipleChoiceField(
        required=False, label="Leave out these neighbourhoods", widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, neighbourhoods: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exclude"].choices = [(str(pk), name) for pk, name in neighbourhoods]  # type: ignore[attr-defined]

    def excluded(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data.get("exclude", [])]


class MapForm(forms.Form):
    force = forms.ChoiceField(label="Force")
    layer = forms.ChoiceField(choices=LAYERS, required=False, label="Colour LSOAs by")
    overlays = forms.MultipleChoiceField(
        choices=OVERLAYS, required=False, label="Show on the map", widget=forms.CheckboxSelectMultiple
    )
    month = forms.ChoiceField(
        required=False,
        label="Crime points: month",
        error_messages={"invalid_choice": "Select a month from the list"},
    )
    category = forms.ChoiceField(
        required=False,
        label="Crime points: crime type",
        choices=[("", "All types"), *sorted(CATEGORY_NAMES.items(), key=lambda item: item[1])],
        error_messages={"invalid_choice": "Select a crime type from the list"},
    )

    def __init__(
        self, *args: Any, forces: list[tuple[str, str]], months: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["force"].choices = forces  # type: ignore[attr-defined]
        self.fields["month"].choices = [("", "Latest loaded"), *(months or [])]  # type: ignore[attr-defined]
