"""The sergeant's form for one named officer: what the public sees in the police.uk ``people`` shape."""

from __future__ import annotations

from typing import Any

from django import forms

from accounts.models import User
from core.tiers import Tier
from geography.models import Neighbourhood
from queries.forms import VersionForm, _text

# Published (public) or kept back while it is being written (police only); partners have no use for a draft.
TIER_CHOICES = [(Tier.PUBLIC.value, "Published on the public neighbourhood page"), (Tier.POLICE.value, "Police only")]


class NamedOfficerForm(forms.Form):
    name = _text("Name", 200, help_text="As the public should see it, for example: Olivia Price")
    rank = _text("Rank", 100, help_text="For example: PC, PCSO, Sergeant")
    role = _text("Role", 200, help_text="For example: Neighbourhood beat manager")
    bio = _text("Short bio (optional)", 1500, required=False, rows=4, help_text="Up to 1,500 characters.")
    public_email = forms.EmailField(
        label="Published email address (optional)",
        required=False,
        max_length=254,
        help_text="Only if the force chooses to publish one. Otherwise the public contact the team by the query form.",
        error_messages={
            "invalid": "Enter the published email address in the correct format, like name@police.example",
            "max_length": "Published email address must be 254 characters or fewer",
        },
    )
    public_phone = forms.RegexField(
        label="Published phone number (optional)",
        required=False,
        regex=r"^\+?[0-9 ()-]{3,20}$",
        max_length=30,
        help_text="Only if the force chooses to publish one.",
        error_messages={
            "invalid": "Enter the published phone number, like 101 or 01632 960 001",
            "max_length": "Published phone number must be 30 characters or fewer",
        },
    )
    user = forms.ModelChoiceField(
        label="Account that works the query queue (optional)",
        queryset=User.objects.none(),
        required=False,
        help_text="New queries for the neighbourhood are assigned to the first named officer with an account.",
        error_messages={"invalid_choice": "Select the account from the list"},
    )
    tier = forms.TypedChoiceField(
        label="Who can see this",
        choices=TIER_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who can see this", "invalid_choice": "Select who can see this"},
    )

    def __init__(self, *args: Any, neighbourhood: Neighbourhood, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["user"]
        field.queryset = User.objects.filter(is_active=True, force_id=neighbourhood.force_id).order_by(
            "first_name", "last_name", "username"
        )
        field.label_from_instance = lambda user: user.get_full_name() or user.username


class NamedOfficerEditForm(VersionForm, NamedOfficerForm):
    """The same, carrying the version the sergeant loaded."""


class MoveForm(VersionForm):
    direction = forms.ChoiceField(
        choices=[("up", "Up"), ("down", "Down")],
        widget=forms.HiddenInput,
        error_messages={"required": "Reload the page", "invalid_choice": "Reload the page"},
    )
