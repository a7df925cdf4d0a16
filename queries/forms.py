"""Query forms: the public contact form and the officer's actions. Every error message names its field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.gis.geos import Point
from django.utils import timezone

from accounts.models import PartnerOrganisation, User
from core.widgets import GovukDateInput
from engagement.selectors import KeyContact
from geography.models import Neighbourhood
from queries.models import MESSAGE_MAX, Query, QueryReply
from queries.referral import referral_contacts
from queries.services import partner_contacts, team_people

HONEYPOT = "website"
BOT_MESSAGE = "We could not send your message. Please try again, or call 101 if it cannot wait."


def _required(label: str, verb: str = "Enter") -> dict[str, str]:
    return {"required": f"{verb} {label}", "invalid_choice": f"Select {label} from the list"}


def _text(label: str, max_length: int, *, required: bool = True, rows: int | None = None, **kw: Any) -> forms.CharField:
    return forms.CharField(
        required=required,
        max_length=max_length,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        error_messages={
            "required": f"Enter {label[0].lower() + label[1:]}",
            "max_length": f"{label} must be {max_length:,} characters or fewer",
            "null_characters_not_allowed": f"{label} must not contain null characters",
        },
        label=label,
        **kw,
    )


class ContactForm(forms.Form):
    """The public "Contact your neighbourhood team" form (issue 16 "Raising a query")."""

    topic = forms.ChoiceField(
        label="What is it about?",
        choices=Query.Topic.choices,
        widget=forms.RadioSelect,
        error_messages=_required("what your message is about", "Select"),
    )
    message = _text("Your message", MESSAGE_MAX, rows=6, help_text=f"Up to {MESSAGE_MAX:,} characters.")
    location_text = _text(
        "Street or place (optional)", 200, required=False, help_text="Where is it happening, if it is about a place?"
    )
    latitude = forms.DecimalField(
        label="Latitude (optional)",
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=49,
        max_value=61,
        error_messages={
            "invalid": "Latitude must be a number, like 53.796",
            "min_value": "Latitude must be between 49 and 61",
            "max_value": "Latitude must be between 49 and 61",
            "max_digits": "Latitude must have no more than 9 digits",
            "max_decimal_places": "Latitude must have no more than 6 decimal places",
            "max_whole_digits": "Latitude must have no more than 3 digits before the point",
        },
    )
    longitude = forms.DecimalField(
        label="Longitude (optional)",
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-9,
        max_value=2,
        error_messages={
            "invalid": "Longitude must be a number, like -1.548",
            "min_value": "Longitude must be between -9 and 2",
            "max_value": "Longitude must be between -9 and 2",
            "max_digits": "Longitude must have no more than 9 digits",
            "max_decimal_places": "Longitude must have no more than 6 decimal places",
            "max_whole_digits": "Longitude must have no more than 3 digits before the point",
        },
    )
    sender_name = _text("Your name (optional)", 100, required=False)
    reply_by = forms.ChoiceField(
        label="How should we reply?",
        choices=Query.ReplyBy.choices,
        widget=forms.RadioSelect,
        error_messages=_required("how we should reply", "Select"),
    )
    sender_email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    sender_phone = forms.RegexField(
        label="Phone number",
        required=False,
        regex=r"^\+?[0-9 ()-]{6,20}$",
        max_length=30,
        error_messages={
            "invalid": "Enter a phone number, like 01632 960 001 or +44 808 157 0192",
            "max_length": "Phone number must be 30 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent_contact = forms.BooleanField(
        label="I agree to the neighbourhood team contacting me about this message",
        error_messages={"required": "Tick the box to agree to be contacted, so that we can reply"},
    )
    consent_share = forms.BooleanField(
        label="The team may pass my message (never my contact details) to a partner such as the council",
        required=False,
    )
    # Honeypot: hidden from people (and from assistive technology); bots fill every box.
    website = forms.CharField(required=False, label="Leave this box empty", max_length=200)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get(HONEYPOT) or self.data.get(HONEYPOT):
            raise forms.ValidationError(BOT_MESSAGE, code="honeypot")
        reply_by = cleaned.get("reply_by")
        if reply_by == Query.ReplyBy.EMAIL and not cleaned.get("sender_email") and "sender_email" not in self.errors:
            self.add_error("sender_email", "Enter your email address, so that we can reply by email")
        if reply_by == Query.ReplyBy.PHONE and not cleaned.get("sender_phone") and "sender_phone" not in self.errors:
            self.add_error("sender_phone", "Enter your phone number, so that we can reply by phone")
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not {"latitude", "longitude"} & set(self.errors):
            self.add_error(
                "latitude" if latitude is None else "longitude", "Enter both latitude and longitude, or neither"
            )
        return cleaned

    def location(self) -> Point | None:
        latitude, longitude = self.cleaned_data.get("latitude"), self.cleaned_data.get("longitude")
        if latitude is None or longitude is None:
            return None
        return Point(float(longitude), float(latitude), srid=4326)


class VersionForm(forms.Form):
    """Posts back the version the officer loaded, so two officers acting at once never overwrite each other."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, error_messages={"required": "Reload the page"})


class ReplyForm(VersionForm):
    channel = forms.ChoiceField(
        label="How are you replying?",
        choices=QueryReply.Channel.choices,
        widget=forms.RadioSelect,
        error_messages=_required("how you are replying", "Select"),
    )
    message = _text(
        "Reply", MESSAGE_MAX, rows=6, help_text="Sent to the sender by email, or what you told them by phone."
    )


class ReassignForm(VersionForm):
    assigned_to = forms.ModelChoiceField(
        label="Someone in the team",
        queryset=User.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select someone in the team from the list"},
    )
    partner = forms.ModelChoiceField(
        label="Or a partner",
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        help_text="The partner sees the message only if the sender agreed, and never the contact details.",
        error_messages={"invalid_choice": "Select a partner from the list"},
    )

    def __init__(self, *args: Any, neighbourhood: Neighbourhood, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = team_people(neighbourhood)
        assigned: Any = self.fields["assigned_to"]
        assigned.queryset = User.objects.filter(pk__in=[p.pk for p in people])
        assigned.label_from_instance = lambda user: user.get_full_name() or user.username
        partner: Any = self.fields["partner"]
        partner.queryset = PartnerOrganisation.objects.filter(pk__in=[p.pk for p in partner_contacts(neighbourhood)])

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        chosen = [name for name in ("assigned_to", "partner") if cleaned.get(name)]
        if len(chosen) != 1 and not self.errors:
            self.add_error("assigned_to", "Select one person in the team, or one partner")
        return cleaned


class ReferForm(VersionForm):
    contact = forms.ModelChoiceField(
        label="A named partner contact",
        queryset=KeyContact.objects.none(),
        help_text=(
            "From the neighbourhood's contact register. Referring is not a reply: the 72-hour clock keeps running "
            "until you reply to the sender. Share the message only if the sender agreed, and never their details."
        ),
        error_messages={
            "required": "Select a named partner contact",
            "invalid_choice": "Select a named partner contact from the list",
        },
    )

    def __init__(self, *args: Any, neighbourhood: Neighbourhood, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact: Any = self.fields["contact"]
        contact.queryset = referral_contacts(neighbourhood)
        contact.label_from_instance = lambda c: ", ".join(p for p in (c.name, c.role, c.organisation) if p)


class ConcernForm(VersionForm):
    text = _text(
        "What the community raised", 3000, rows=4, help_text="Leave out the sender's name and contact details."
    )


class LinkForm(VersionForm):
    priority: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Neighbourhood priority",
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Select a priority from the list"},
    )
    plan: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="SARA problem-solving plan (optional)",
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Select a plan from the list"},
    )

    def __init__(self, *args: Any, neighbourhood: Neighbourhood, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["priority"]
        field.queryset = apps.get_model("priorities", "Priority").objects.filter(neighbourhood=neighbourhood)
        # problem_solving.Plan through the app registry: feature apps never import each other's models.
        plans: Any = self.fields["plan"]
        plans.queryset = apps.get_model("problem_solving", "Plan").objects.filter(neighbourhood=neighbourhood)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not cleaned.get("priority") and not cleaned.get("plan") and not self.errors:
            self.add_error("priority", "Select a priority, or a SARA plan")
        return cleaned


class CloseForm(VersionForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Query.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required("the outcome", "Select"),
    )
    note = _text("Note (optional)", 3000, required=False, rows=3)


class ReviewRequestForm(forms.Form):
    reason = _text("Why would you like a review?", MESSAGE_MAX, rows=5)


class QueueFilterForm(forms.Form):
    class Show:
        MINE = "mine"
        ALL = "all"
        OVERDUE = "overdue"
        ESCALATED = "escalated"
        CLOSED = "closed"

    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[
            ("all", "All open"),
            ("mine", "Assigned to me"),
            ("overdue", "Overdue"),
            ("escalated", "Escalated or review requested"),
            ("closed", "Closed"),
        ],
        error_messages={"invalid_choice": "Select what to show from the list"},
    )


class PeriodForm(forms.Form):
    start = forms.DateField(
        label="From",
        required=False,
        widget=GovukDateInput(),
        error_messages={"invalid": "The start date must be a real date, like 27 3 2026"},
    )
    end = forms.DateField(
        label="To",
        required=False,
        widget=GovukDateInput(),
        error_messages={"invalid": "The end date must be a real date, like 27 3 2026"},
        help_text="Queries received from the first date up to and including the second.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date must be the same as or after the start date")
        return cleaned

    def period(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as aware datetimes; the last 28 days by default."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end - dt.timedelta(days=27)
        tz = timezone.get_current_timezone()
        return (
            dt.datetime.combine(start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
        )
