"""Priority forms (GOV.UK patterns, issue 9). The title check discourages vague titles such as "Tackle ASB"."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.gis.geos import Point
from django.core.validators import MaxValueValidator, MinValueValidator

from core.govuk_forms import govuk_fields
from geography.models import Force, Neighbourhood
from priorities.models import Priority, PriorityReview, PrioritySettings, PriorityUpdate

# A title that is only a verb and a broad label says nothing about the behaviour, the place or the time
# (guide part4: priorities must be specific). This catches the common ones; the hint shows a good title.
_VAGUE = re.compile(
    r"^(tackle|tackling|reduce|reducing|address|addressing|deal with|dealing with|combat|combating|stop|tackle the|"
    r"prevent|preventing|crack down on)?\s*(the\s+)?(asb|anti[- ]social behaviou?r|crime|drugs|youths?|"
    r"disorder|nuisance|speeding|parking|burglary|issues?|problems?)\s*\.?$",
    re.IGNORECASE,
)
MIN_TITLE_WORDS = 4
TITLE_ADVICE = (
    "Title must say what the behaviour is, where and when, for example "
    "“Motorbikes ridden on Mill Lane playing field on weekday evenings”"
)


def vague_title(title: str) -> bool:
    words = title.split()
    return bool(_VAGUE.match(title.strip())) or len(words) < MIN_TITLE_WORDS


class PriorityForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    latitude = forms.DecimalField(
        label="Latitude",
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=49,
        max_value=61,
        help_text="Optional: a map point for the exact location. For example 53.79638",
    )
    longitude = forms.DecimalField(
        label="Longitude",
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-9,
        max_value=2,
        help_text="Optional. For example -1.54804",
    )

    class Meta:
        model = Priority
        fields = [
            "title",
            "problem",
            "location_text",
            "latitude",
            "longitude",
            "time_pattern",
            "affected",
            "causing",
            "category",
            "method",
            "set_on",
            "proposed_by",
            "votes_for",
            "votes_cast",
            "tier",
        ]
        widgets = {"problem": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("problem", "location_text", "time_pattern", "affected", "category"):
            self.fields[name].required = True  # SMART: these make it specific
        self.fields["category"].widget = forms.Select(choices=self.fields["category"].choices)  # type: ignore[attr-defined]
        self.fields["tier"].widget = forms.RadioSelect(choices=self.fields["tier"].choices)  # type: ignore[attr-defined]
        self.fields["tier"].help_text = "Public: shown on the public neighbourhood page. Most priorities are public."
        self.fields["proposed_by"].help_text = "The guide wants priorities set mainly by the public."
        govuk_fields(self)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0
            if self.instance.location is not None:
                self.initial.update(
                    latitude=round(self.instance.location.y, 6), longitude=round(self.instance.location.x, 6)
                )

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if vague_title(title):
            raise forms.ValidationError(TITLE_ADVICE, code="vague")
        return title

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        lat, lng = cleaned.get("latitude"), cleaned.get("longitude")
        if "latitude" not in self.errors and "longitude" not in self.errors and (lat is None) != (lng is None):
            missing = "latitude" if lat is None else "longitude"
            self.add_error(missing, f"Enter the {missing} too, or neither")
        votes_for, votes_cast = cleaned.get("votes_for"), cleaned.get("votes_cast")
        if votes_for is not None and votes_cast is not None and votes_for > votes_cast:
            self.add_error("votes_for", "Votes for must be no more than votes cast in all")
        return cleaned

    def values(self) -> dict[str, Any]:
        c = dict(self.cleaned_data)
        lat, lng = c.pop("latitude", None), c.pop("longitude", None)
        c.pop("version", None)
        c["location"] = Point(float(lng), float(lat), srid=4326) if lat is not None and lng is not None else None
        return c


class ActivateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    echr_checked = forms.BooleanField(
        label="The ECHR and proportionality check has been done",
        required=False,
        help_text="Is the planned action lawful, necessary and proportionate, and does it respect people's rights "
        "(for example to private life, assembly and expression)?",
    )
    echr_note = forms.CharField(
        label="What the check considered and concluded", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not cleaned.get("echr_checked"):
            self.add_error("echr_checked", "Confirm the ECHR and proportionality check has been done")
        if not (cleaned.get("echr_note") or "").strip():
            self.add_error("echr_note", "Enter what the check considered and concluded")
        return cleaned


class UpdateForm(forms.ModelForm):
    class Meta:
        model = PriorityUpdate
        fields = ["on", "action", "progress"]
        widgets = {"action": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "action": "Shown to the public. Say what was done and what happened, including what did not work."
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["progress"].widget = forms.RadioSelect(choices=[c for c in self.fields["progress"].choices if c[0]])  # type: ignore[attr-defined]
        govuk_fields(self)


class ReviewForm(forms.ModelForm):
    class Meta:
        model = PriorityReview
        fields = ["reviewed_on", "note", "decision"]
        labels = {"reviewed_on": "Date of the review"}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_fields(self)


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    status = forms.ChoiceField(
        label="How it closes", choices=[(s.value, s.label) for s in Priority.CLOSED], widget=forms.RadioSelect
    )
    justification = forms.CharField(label="Why it is closing", widget=forms.Textarea(attrs={"rows": 3}))
    decided_by = forms.ChoiceField(label="Who decided", choices=Priority.DecidedBy.choices, widget=forms.RadioSelect)
    raisers_satisfied = forms.ChoiceField(
        label="Are those who raised it satisfied", choices=Priority.Satisfied.choices, widget=forms.RadioSelect
    )
    outcome = forms.CharField(
        label="Outcome for the public",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the public page with the closed priority, including lack of success.",
    )
    superseded_by = forms.ModelChoiceField(
        label="Replaced by", queryset=Priority.objects.none(), required=False, help_text="Only if it was superseded."
    )

    def __init__(self, *args: Any, priority: Priority, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["superseded_by"].queryset = (  # type: ignore[attr-defined]
            Priority.objects.filter(neighbourhood_id=priority.neighbourhood_id)
            .exclude(pk=priority.pk)
            .exclude(status__in=Priority.CLOSED)
        )
        for field in self.fields.values():
            field.error_messages.update(
                {
                    "required": f"Enter {str(field.label).lower()}"
                    if isinstance(field, forms.CharField)
                    else f"Select {str(field.label).lower()}",
                    "invalid_choice": f"Select {str(field.label).lower()} from the list",
                }
            )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("status") == Priority.Status.SUPERSEDED and cleaned.get("superseded_by") is None:
            self.add_error("superseded_by", "Select the priority that replaces it")
        return cleaned


class RegisterFilterForm(forms.Form):
    """The register's query string; every value is validated, so a bad one is an error, never a 500."""

    force = forms.ModelChoiceField(queryset=Force.objects.order_by("name"), required=False, to_field_name="slug")
    neighbourhood = forms.IntegerField(required=False, min_value=1)
    status = forms.ChoiceField(choices=[("", "Any"), *Priority.Status.choices], required=False)
    category = forms.ChoiceField(choices=[("", "Any"), *Priority.Category.choices], required=False)
    changed_from = forms.DateField(label="Changed from", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    changed_to = forms.DateField(label="Changed to", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def filter(self, queryset: Any) -> Any:
        c = self.cleaned_data
        if c.get("force"):
            queryset = queryset.filter(neighbourhood__force=c["force"])
        if c.get("neighbourhood"):
            queryset = queryset.filter(neighbourhood_id=c["neighbourhood"])
        if c.get("status"):
            queryset = queryset.filter(status=c["status"])
        if c.get("category"):
            queryset = queryset.filter(category=c["category"])
        if c.get("changed_from"):
            queryset = queryset.filter(history__history_date__date__gte=c["changed_from"])
        if c.get("changed_to"):
            queryset = queryset.filter(history__history_date__date__lte=c["changed_to"])
        return queryset.distinct()


def neighbourhood_choices(user: Any) -> Any:
    return Neighbourhood.objects.visible_to(user).order_by("name")


class SettingsForm(forms.ModelForm):
    """A neighbourhood's priority settings (guide part4: 3–5 priorities; review at least every three months)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = PrioritySettings
        fields = ["max_current", "review_months"]
        help_texts = {
            "max_current": "More than this shows a warning, never a block. The guide suggests 3 to 5, or 1 to 2 per "
            "panel in large rural areas.",
            "review_months": "From 1 to 12. The guide asks for a review at least every 3 months.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bounds = {"max_current": (1, 20), "review_months": (1, 12)}
        for name, (low, high) in bounds.items():
            field: Any = self.fields[name]
            field.min_value, field.max_value = low, high
            field.widget.attrs.update(min=low, max=high)
            field.validators = [MinValueValidator(low), MaxValueValidator(high)]
        govuk_fields(self)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0
