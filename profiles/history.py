"""The change log of one profile: every saved version of its sections and items, who and when, what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from core.locking import display_value
from profiles.categories import CATEGORIES, Category
from profiles.models import NeighbourhoodProfile

_IGNORED = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "version",
    "updated_at",
    "updated_by",
}
ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}


@dataclass
class Entry:
    at: dt.datetime
    by: str
    action: str
    category: Category
    what: str
    version: int
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, before, after)


def _name(user: Any) -> str:
    if user is None:
        return "System"
    return user.get_full_name() or user.get_username()


def _changes(model: Any, record: Any, previous: Any | None) -> list[tuple[str, str, str]]:
    out = []
    for model_field in model._meta.concrete_fields:
        name = model_field.attname
        if model_field.name in _IGNORED or name == "id" or name == "profile_id":
            continue
        new = getattr(record, name)
        old = getattr(previous, name) if previous is not None else None
        if previous is None and new in (None, ""):
            continue
        if previous is None or old != new:
            label = str(model_field.verbose_name).capitalize()
            out.append(
                (
                    label,
                    "" if previous is None else display_value(record, model_field.name, old),
                    display_value(record, model_field.name, new),
                )
            )
    return out


def history_entries(profile: NeighbourhoodProfile, *, limit: int = 300) -> list[Entry]:
    """Newest first; one query per section and item model, whatever the number of versions."""
    entries: list[Entry] = []
    models: list[tuple[Category, Any, str]] = []
    for category in CATEGORIES:
        models.append((category, category.section_model, "section"))
        models += [(category, kind.model, "item") for kind in category.items]
    for category, model, role in models:
        records = list(
            model.history.filter(profile_id=profile.pk).select_related("history_user").order_by("id", "history_date")
        )
        previous: dict[int, Any] = {}
        for record in records:
            before = previous.get(record.id)
            what = (
                category.title
                if role == "section"
                else f"{str(model._meta.verbose_name).capitalize()} “{record.instance}”"
            )
            changes = [] if record.history_type == "-" else _changes(model, record, before)
            if record.history_type == "~" and not changes:
                previous[record.id] = record
                continue
            entries.append(
                Entry(
                    record.history_date,
                    _name(record.history_user),
                    ACTIONS[record.history_type],
                    category,
                    what,
                    record.version,
                    changes,
                )
            )
            previous[record.id] = record
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]
