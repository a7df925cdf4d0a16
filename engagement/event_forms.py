"""Forms for engagement events and the concerns raised at them (GOV.UK patterns, issue 9)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.validators import MinValueValidator

from accounts.models import PartnerOrganisation, User
from core.govuk_forms import TimeOfDayField, govuk_fields
from engagement.models import CommunityGroup, Concern, EngagementEvent
from geography.models import Neighbourhood

TIER_HINT = (
    "Public: shown on the public neighbourhood page. Partner: partner organisations too. Police only: police staff."
)


def _point(latitude: Any, longitude: Any) -> Point | None:
    if latitude is None or longitude is None:
        return None
    return Point(float(longitude), float(latitude), srid=4326)


def _latitude() -> forms.DecimalField:
    return forms.DecimalField(
        label="Latitude",
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=49,
        max_value=61,
        help_text="Optional. For example 53.79638",
    )


def _longitude() -> forms.DecimalField:
    return forms.DecimalField(
        label="Longitude",
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-9,
        max_value=2,
        help_text="Optional. For example -1.54804",
    )


def _both_or_neither(form: forms.BaseForm, cleaned: dict[str, Any]) -> None:
    """A map point needs both coordinates; one alone is an error on the missing one."""
    if "latitude" in form.errors or "longitude" in form.errors:
        return
    latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
    if (latitude is None) != (longitude is None):
        missing = "latitude" if latitude is None else "longitude"
        form.add_error(missing, f"Enter the {missing} too, or neither")


class EventForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    date = forms.DateField(label="Date")
    start_time = TimeOfDayField(label="Start time")
    end_time = TimeOfDayField(label="End time", required=False, help_text="Optional. 24-hour clock, for example 21:00")
    latitude = _latitude()
    longitude = _longitude()

    class Meta:
        model = EngagementEvent
        fields = [
            "kind",
            "title",
            "description",
            "date",
            "start_time",
            "end_time",
            "address",
            "latitude",
            "longitude",
            "organiser",
            "contact",
            "attendance",
            "partner_organisations",
            "other_partners",
            "audience_groups",
            "groups_reached",
            "tier",
        ]
        widgets = {
            "partner_organisations": forms.CheckboxSelectMultiple,
            "audience_groups": forms.CheckboxSelectMultiple,
            "groups_reached": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, neighbourhood: Neighbourhood, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.neighbourhood = neighbourhood
        self.fields["organiser"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            force_id=neighbourhood.force_id, is_active=True
        ).order_by("first_name", "username")
        self.fields["partner_organisations"].queryset = PartnerOrganisation.objects.filter(  # type: ignore[attr-defined]
            force_id=neighbourhood.force_id
        ).order_by("name")
        groups = CommunityGroup.objects.of_neighbourhood(neighbourhood).order_by("name")
        for name, hint in (
            ("audience_groups", "The profile's groups to engage that this event is aimed at."),
            ("groups_reached", "Optional. Once it is held: which of the groups took part."),
        ):
            self.fields[name].queryset = groups  # type: ignore[attr-defined]
            self.fields[name].help_text = hint
        self.fields["kind"].widget = forms.Select(choices=self.fields["kind"].choices)  # type: ignore[attr-defined]
        self.fields["tier"].widget = forms.RadioSelect(choices=self.fields["tier"].choices)  # type: ignore[attr-defined]
        self.fields["tier"].help_text = TIER_HINT
        govuk_fields(self)
        if not self.is_bound:
            event = self.instance
            self.initial["version"] = event.version if event.pk else 0
            if event.pk:
                local = event.starts_at.astimezone(ZoneInfo(settings.TIME_ZONE))
                self.initial.update(date=local.date(), start_time=f"{local:%H:%M}")
                if event.ends_at:
                    self.initial["end_time"] = f"{event.ends_at.astimezone(ZoneInfo(settings.TIME_ZONE)):%H:%M}"
                if event.location is not None:
                    self.initial.update(latitude=round(event.location.y, 6), longitude=round(event.location.x, 6))

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        _both_or_neither(self, cleaned)
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day is not None and start is not None and end is not None and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        return cleaned

    def _post_clean(self) -> None:
        cleaned = self.cleaned_data
        zone = ZoneInfo(settings.TIME_ZONE)
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day is not None and start is not None:
            self.instance.starts_at = dt.datetime.combine(day, start, tzinfo=zone)
            self.instance.ends_at = dt.datetime.combine(day, end, tzinfo=zone) if end is not None else None
        self.instance.location = _point(cleaned.get("latitude"), cleaned.get("longitude"))
        super()._post_clean()  # type: ignore[misc]

    def values(self) -> dict[str, Any]:
        c = self.cleaned_data
        return {
            "kind": c["kind"],
            "title": c["title"],
            "description": c["description"],
            "starts_at": self.instance.starts_at,
            "ends_at": self.instance.ends_at,
            "address": c["address"],
            "location": self.instance.location,
            "organiser": c["organiser"],
            "contact": c["contact"],
            "attendance": c["attendance"],
            "other_partners": c["other_partners"],
            "tier": c["tier"],
        }


class ConcernForm(forms.ModelForm):
    latitude = _latitude()
    longitude = _longitude()

    class Meta:
        model = Concern
        fields = ["text", "location_text", "latitude", "longitude", "time_pattern", "people_count"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        count: Any = self.fields["people_count"]
        count.min_value = 1
        count.validators.append(MinValueValidator(1))
        govuk_fields(self)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        _both_or_neither(self, cleaned)
        return cleaned

    def values(self) -> dict[str, Any]:
        c = self.cleaned_data
        return {
            "text": c["text"],
            "location_text": c["location_text"],
            "location": _point(c.get("latitude"), c.get("longitude")),
            "time_pattern": c["time_pattern"],
            "people_count": c["people_count"],
        }


class EventListForm(forms.Form):
    """The events page's query string: which neighbourhood and month, list or calendar. Bad values are errors."""

    neighbourhood = forms.IntegerField(required=False, min_value=1)
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)
    view = forms.ChoiceField(choices=[("list", "List"), ("calendar", "Calendar")], required=False)

    def clean_month(self) -> dt.date | None:
        value = self.cleaned_data.get("month")
        if not value:
            return None
        year, month = (int(part) for part in value.split("-"))
        if not 1900 <= year <= 2200:
            raise forms.ValidationError("Month must be between 1900 and 2200")
        return dt.date(year, month, 1)
