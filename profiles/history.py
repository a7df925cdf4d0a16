"""A profile's history: what changed in each saved version, and the state of every part at a moment.

Field differences come from one place, simple-history's ``diff_against`` (as ``core.locking`` uses for edit
conflicts), through ``record_changes``: the change log and the comparison page both read it (issue 7, section 3:
"Field diffs are implemented three times. Keep one"). Values are shown as a person reads them: choice labels,
Yes/No, dates in words, "Not recorded" for blanks (issue 6, item 11).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone

from core.locking import FieldChange
from profiles.categories import CATEGORIES, Category
from profiles.models import NeighbourhoodProfile

ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}
# Identity and bookkeeping: never shown as a change (``version`` and ``updated_by`` are not editable anyway).
_IGNORED = frozenset({"id", "profile", "version", "updated_at", "updated_by"})
BLANK = "Not recorded"


def humanise(model: Any, name: str, value: Any) -> str:
    """VALUE of MODEL's field NAME as a person reads it."""
    if value is None or value == "":
        return BLANK
    model_field: Any = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if hasattr(value, "coords"):
        return f"{value.y:.5f}, {value.x:.5f}"
    return str(value)


def _label(model: Any, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _order(model: Any) -> dict[str, int]:
    return {model_field.name: index for index, model_field in enumerate(model._meta.concrete_fields)}


def record_changes(model: Any, new: Any, old: Any | None) -> list[FieldChange]:
    """The fields that differ from historical record OLD to NEW of one MODEL row, labelled and humanised.

    With no OLD (the row was just added) every field with a value is listed, with a blank "before".
    """
    order = _order(model)
    if old is None:
        names = [f.name for f in new.tracked_fields if f.editable and f.name not in _IGNORED]
        pairs = [(name, None, getattr(new, name)) for name in names]
        pairs = [(name, before, after) for name, before, after in pairs if after not in (None, "")]
    else:
        delta = new.diff_against(old, excluded_fields=_IGNORED)
        pairs = [(change.field, change.old, change.new) for change in delta.changes]
    pairs.sort(key=lambda pair: order.get(pair[0], 0))
    return [
        FieldChange(
            field=name,
            label=_label(model, name),
            old="" if old is None else humanise(model, name, before),
            new=humanise(model, name, after),
        )
        for name, before, after in pairs
    ]


@dataclass
class Entry:
    at: dt.datetime
    by: str
    action: str
    category: Category
    what: str
    version: int
    changes: list[FieldChange] = field(default_factory=list)


def user_name(user: Any) -> str:
    if user is None:
        return "System"
    return user.get_full_name() or user.get_username()


def part_models(category: Category) -> list[tuple[Any, str]]:
    """CATEGORY's section model and item models, each with how to name one of its rows."""
    return [(category.section_model, "section"), *((kind.model, "item") for kind in category.items)]


def item_title(model: Any, record: Any) -> str:
    return f"{str(model._meta.verbose_name).capitalize()} “{record.instance}”"


def history_entries(profile: NeighbourhoodProfile, *, category: Category | None = None) -> list[Entry]:
    """Newest first, for every category or just CATEGORY; one query per model, whatever the number of versions."""
    entries: list[Entry] = []
    for each in [category] if category else CATEGORIES:
        for model, role in part_models(each):
            records = model.history.filter(profile_id=profile.pk).select_related("history_user")
            previous: dict[int, Any] = {}
            for record in records.order_by("id", "history_date", "history_id"):
                before = previous.get(record.id)
                previous[record.id] = record
                changes = [] if record.history_type == "-" else record_changes(model, record, before)
                if record.history_type == "~" and not changes:
                    continue  # a save that changed nothing a person sees
                what = each.title if role == "section" else item_title(model, record)
                entry = Entry(
                    record.history_date,
                    user_name(record.history_user),
                    ACTIONS[record.history_type],
                    each,
                    what,
                    record.version,
                    changes,
                )
                entries.append(entry)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def state_at(model: Any, profile_id: int, when: dt.datetime | None) -> dict[int, Any]:
    """MODEL's rows in the profile at WHEN (None: now) as their latest historical records, by id."""
    records = model.history.filter(profile_id=profile_id)
    if when is not None:
        records = records.filter(history_date__lte=when)
    latest: dict[int, Any] = {}
    # Saves in the same instant are told apart by history_id (latest_of_each keeps both of a tie).
    for record in records.order_by("history_date", "history_id"):
        latest[record.id] = record
    return {pk: record for pk, record in latest.items() if record.history_type != "-"}


def days_with_changes(profile: NeighbourhoodProfile) -> list[dt.date]:
    """The days (Europe/London) on which anything in the profile changed, newest first."""
    days: set[dt.date] = set()
    for category in CATEGORIES:
        for model, _role in part_models(category):
            moments = model.history.filter(profile_id=profile.pk).datetimes("history_date", "day")
            days.update(moment.date() for moment in moments)
    return sorted(days, reverse=True)
