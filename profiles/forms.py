"""Per-category forms (issue 3: "Edit per category, so officers do not face one giant form").

Each form carries the ``version`` it was loaded at (optimistic locking). Rendering uses the shared GOV.UK
includes (templates/includes/field.html, error_summary.html); dates use the GOV.UK three-box date input.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.gis.geos import Point
from django.utils import timezone

from core.widgets import GovukDateInput
from geography.models import Neighbourhood
from profiles.categories import Category
from profiles.locations import location_problem
from profiles.models import InfrastructurePoint, Item, ProfileSection

DATE_EXAMPLE = "27 3 2025"

COMMON_FIELDS = ("notes", "tier", "restricted_tier")


def edit_fields(model: type[Item]) -> list[str]:
    """The fields a person edits on an item: what the profile shows, then the restricted details, notes and tiers.

    Derived from the model's DISPLAY_FIELDS and RESTRICTED_FIELDS so that a field added to a model appears
    in both its page and its form. A location is edited as latitude and longitude boxes (PointForm).
    """
    shown = [name for name in model.DISPLAY_FIELDS if name != "location"]
    restricted = [name for name in model.RESTRICTED_FIELDS if name not in shown and name not in COMMON_FIELDS]
    return [*shown, *restricted, *COMMON_FIELDS]


def section_edit_fields(category: Category) -> list[str]:
    """The fields a person edits on CATEGORY's section: the category's own fields (the registry lists them),
    then the notes and tiers every section has.
    """
    return [*category.section_fields, *COMMON_FIELDS]


def _the(label: str) -> str:
    """LABEL as the object of "Enter" or "Select": "the name", "who can see this", "the IMD rank"."""
    first, *rest = label.split(" ", 1)
    if first.lower() in {"who", "how", "what", "when", "where", "which", "whether"}:
        return label[0].lower() + label[1:]
    if len(first) > 1 and first[1].isupper():  # an acronym such as "IMD"
        return f"the {label}"
    return f"the {label[0].lower()}{label[1:]}"


def govuk_error_messages(field: forms.Field) -> dict[str, str]:
    """Error messages in GOV.UK style for FIELD: each names the field and says what to do (issue 6, item 12).

    Django's own messages ("This field is required.", "Ensure this value is greater than or equal to 0.") do
    not say which field they are about, so an error summary of several of them is useless. Validators raise
    errors with a code (``min_value``, ``max_length``...); Django swaps in the field's message for that code.
    """
    label = str(field.label or "this")
    the = _the(label)
    if isinstance(field, forms.DateField):
        what = the if "date" in label.lower() else f"{the} date"
        return {
            "required": f"Enter {what}, like {DATE_EXAMPLE}",
            "invalid": f"{date_subject(label)} must be a real date, like {DATE_EXAMPLE}",
        }
    if isinstance(field, forms.ChoiceField):
        return {"required": f"Select {the}", "invalid_choice": f"Select {the} from the list"}
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        return {
            "required": f"Enter {the}",
            "invalid": f"{label} must be a number",
            "min_value": f"{label} must be %(limit_value)s or more",
            "max_value": f"{label} must be %(limit_value)s or less",
            "max_digits": f"{label} must have no more than %(max)s digits",
            "max_decimal_places": f"{label} must have no more than %(max)s decimal places",
            "max_whole_digits": f"{label} must have no more than %(max)s digits before the decimal point",
        }
    messages = {
        "required": f"Enter {the}",
        "max_length": f"{label} must be %(limit_value)s characters or fewer",
    }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = f"Enter {the} in the correct format, like name@example.org"
    return messages


def date_subject(label: str) -> str:
    """A date field's label as the subject of a sentence: "Date of the survey", "The as at date"."""
    return label if "date" in label.lower() else f"The {label[0].lower()}{label[1:]} date"


def not_in_the_future(label: str) -> Any:
    def validate(value: dt.date | None) -> None:
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(f"{date_subject(label)} must be today or in the past", code="future")

    return validate


TIER_HINT = "Public: anyone. Partner: partner organisations with a sharing agreement. Police only: police staff."


class VersionedForm(forms.ModelForm):
    """A ModelForm that posts back the version of the record it was loaded from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, neighbourhood: Neighbourhood | None = None, **kwargs: Any) -> None:
        self.neighbourhood = neighbourhood
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
                field.help_text = field.help_text or f"For example, {DATE_EXAMPLE}"
                # Everything a profile dates (an agreement, a survey, figures "as at") has already happened.
                field.validators.append(not_in_the_future(str(field.label)))
            elif isinstance(field, forms.TypedChoiceField):
                choices: list[Any] = [choice for choice in list(field.choices) if choice[0] != ""]  # type: ignore[arg-type, index]
                if len(choices) <= 6:
                    field.widget = forms.RadioSelect(choices=choices)
            if name != "version":
                field.error_messages.update(govuk_error_messages(field))

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

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if self.neighbourhood is not None and latitude is not None and longitude is not None:
            problem = location_problem(self.neighbourhood, Point(float(longitude), float(latitude), srid=4326))
            if problem:
                self.add_error("latitude", problem)
        return cleaned

    def _post_clean(self) -> None:
        # The model's own validation needs the location the two boxes describe.
        latitude, longitude = self.cleaned_data.get("latitude"), self.cleaned_data.get("longitude")
        if latitude is not None and longitude is not None:
            self.instance.location = Point(float(longitude), float(latitude), srid=4326)
        super()._post_clean()  # type: ignore[misc]


def form_class_for(model: type[Item]) -> type[VersionedForm]:
    """The edit form for an item of MODEL."""
    base = PointForm if model is InfrastructurePoint else VersionedForm
    return forms.modelform_factory(model, form=base, fields=edit_fields(model))  # type: ignore[return-value]


def section_form_class(category: Category) -> type[VersionedForm]:
    """The edit form for CATEGORY's section: only that category's fields of the one section table."""
    return forms.modelform_factory(  # type: ignore[return-value]
        ProfileSection, form=VersionedForm, fields=section_edit_fields(category)
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Review comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you checked, what is out of date, and what the team should update next.",
        error_messages={"required": "Enter a review comment: what you checked and what needs updating"},
    )


class DeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CompareForm(forms.Form):
    """Two versions to compare, picked from the versions that exist (never typed: issue 6, item 10)."""

    def __init__(self, data: Any, *, choices: list[tuple[str, str]]) -> None:
        super().__init__(data)
        for name, label in (("from", "Compare from"), ("to", "Compare with")):
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                error_messages={
                    "required": f"Select the version to {label.lower()}",
                    "invalid_choice": f"Select the version to {label.lower()} in the list",
                },
            )


class HistoryFilterForm(forms.Form):
    category = forms.ChoiceField(
        label="Show changes to",
        required=False,
        error_messages={"invalid_choice": "Select the category to show changes to in the list"},
    )

    def __init__(self, data: Any, *, categories: Any) -> None:
        super().__init__(data)
        field: Any = self.fields["category"]
        field.choices = [("", "Every category"), *((c.slug, f"{c.number}. {c.title}") for c in categories)]


class AsAtForm(forms.Form):
    at = forms.DateField(
        label="Show the profile as it was on",
        widget=GovukDateInput(),
        help_text=f"For example, {DATE_EXAMPLE}",
        error_messages={
            "required": f"Enter the date to show the profile on, like {DATE_EXAMPLE}",
            "invalid": f"The date to show the profile on must be a real date, like {DATE_EXAMPLE}",
        },
    )

    def clean_at(self) -> dt.date:
        day: dt.date = self.cleaned_data["at"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date to show the profile on must be today or in the past")
        return day
