"""Per-category forms (issue 3: "Edit per category, so officers do not face one giant form").

Each form carries the ``version`` it was loaded at (optimistic locking). Rendering uses the shared GOV.UK
includes (templates/includes/field.html, error_summary.html); dates use the GOV.UK three-box date input.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.gis.geos import Point

from core.widgets import GovukDateInput
from profiles.models import (
    InfrastructurePoint,
    ProfilePart,
)

COMMON_FIELDS = ("notes", "tier", "restricted_tier")


def edit_fields(model: type[ProfilePart]) -> list[str]:
    """The fields a person edits: what the profile shows, then the restricted details, notes and tiers.

    Derived from the model's DISPLAY_FIELDS and RESTRICTED_FIELDS so that a field added to a model appears
    in both its page and its form. A location is edited as latitude and longitude boxes (PointForm).
    """
    shown = [name for name in model.DISPLAY_FIELDS if name != "location"]
    restricted = [name for name in model.RESTRICTED_FIELDS if name not in shown and name not in COMMON_FIELDS]
    return [*shown, *restricted, *COMMON_FIELDS]


TIER_HINT = "Public: anyone. Partner: partner organisations with a sharing agreement. Police only: police staff."


class VersionedForm(forms.ModelForm):
    """A ModelForm that posts back the version of the record it was loaded from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0
        field: Any
        for name, field in self.fields.items():
            if name in {"tier", "restricted_tier"}:
                field.widget = forms.RadioSelect(choices=field.choices)
                field.help_text = TIER_HINT if name == "tier" else "Police only unless there is a reason to share."
            elif isinstance(field, forms.DateField):
                field.widget = GovukDateInput()
                field.help_text = field.help_text or "For example, 27 3 2025"
            elif isinstance(field, forms.TypedChoiceField):
                choices: list[Any] = [choice for choice in list(field.choices) if choice[0] != ""]  # type: ignore[arg-type, index]
                if len(choices) <= 6:
                    field.widget = forms.RadioSelect(choices=choices)

    def values(self) -> dict[str, Any]:
        """The model field values to save (everything but the version)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    def set_version(self, version: int) -> None:
        """After a conflict: keep what the person typed, but post the current version next time."""
        data = self.data.copy()  # type: ignore[attr-defined]
        data[self.add_prefix("version")] = str(version)
        self.data = data


class PointForm(VersionedForm):
    """A significant location: click the map or type the coordinates (postcode lookup needs the internet)."""

    latitude = forms.DecimalField(
        label="Latitude", max_digits=9, decimal_places=6, min_value=49, max_value=61, help_text="For example 53.79638"
    )
    longitude = forms.DecimalField(
        label="Longitude", max_digits=9, decimal_places=6, min_value=-9, max_value=2, help_text="For example -1.54804"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location = self.instance.location if self.instance.pk else None
        if location is not None and not self.is_bound:
            self.initial["latitude"] = round(location.y, 6)
            self.initial["longitude"] = round(location.x, 6)
        self.fields["subtype"].widget.attrs["list"] = "subtype-suggestions"
        self.order_fields(["kind", "subtype", "name", "address", "latitude", "longitude"])

    def values(self) -> dict[str, Any]:
        values = super().values()
        latitude, longitude = values.pop("latitude"), values.pop("longitude")
        values["location"] = Point(float(longitude), float(latitude), srid=4326)
        return values

    def _post_clean(self) -> None:
        # The model's own validation needs the location the two boxes describe.
        latitude, longitude = self.cleaned_data.get("latitude"), self.cleaned_data.get("longitude")
        if latitude is not None and longitude is not None:
            self.instance.location = Point(float(longitude), float(latitude), srid=4326)
        super()._post_clean()  # type: ignore[misc]


def form_class_for(model: type[ProfilePart]) -> type[VersionedForm]:
    """The edit form for MODEL."""
    base = PointForm if model is InfrastructurePoint else VersionedForm
    return forms.modelform_factory(model, form=base, fields=edit_fields(model))  # type: ignore[return-value]


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Review comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you checked, what is out of date, and what the team should update next.",
    )


class DeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AsAtForm(forms.Form):
    at = forms.DateField(label="Show the profile as it was on", widget=GovukDateInput())
