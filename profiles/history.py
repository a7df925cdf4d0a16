"""A profile's history: what changed in each saved version, and the state of every part at a moment.

Field differences come from one helper, ``core.changes.record_changes`` (simple-history's ``diff_against``),
which edit conflicts (``core.locking``), the change log and the comparison page all read (issue 7, section 3:
"Field diffs are implemented three times. Keep one"). Values are shown as a person reads them: choice labels,
Yes/No, dates in words, "Not recorded" for blanks (issue 6, item 11).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from core.changes import BOOKKEEPING, FieldChange
from core.changes import record_changes as changes_between
from profiles.categories import BY_KEY, CATEGORIES, Category, category_of
from profiles.models import CategoryKey, NeighbourhoodProfile, ProfileSection

ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}
# Identity and bookkeeping, and the row's profile and category: never shown as a change.
_IGNORED = BOOKKEEPING | {"profile", "category"}


def record_changes(model: Any, new: Any, old: Any | None) -> list[FieldChange]:
    """``core.changes.record_changes`` for a profile part (its ``profile`` never changes)."""
    return changes_between(model, new, old, excluded=_IGNORED)


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


@dataclass(frozen=True)
class PartSource:
    """Where some of a profile's parts are kept: a model and, for sections, which categories' rows."""

    model: Any
    role: str  # "section" or "item": how to name one of its rows
    categories: tuple[CategoryKey, ...] = ()  # sections only

    def history(self, profile_id: int) -> Any:
        records = self.model.history.filter(profile_id=profile_id)
        return records.filter(category__in=self.categories) if self.role == "section" else records

    def category_of(self, record: Any) -> Category:
        return BY_KEY[CategoryKey(record.category)] if self.role == "section" else category_of(self.model)


def part_sources(categories: list[Category] | tuple[Category, ...]) -> list[PartSource]:
    """The sections of CATEGORIES (one table, ADR 0005), then each of their item models."""
    sections = PartSource(ProfileSection, "section", tuple(category.key for category in categories))
    return [sections, *(PartSource(kind.model, "item") for category in categories for kind in category.items)]


def item_title(model: Any, record: Any) -> str:
    return f"{str(model._meta.verbose_name).capitalize()} “{record.instance}”"


def history_entries(profile: NeighbourhoodProfile, *, category: Category | None = None) -> list[Entry]:
    """Newest first, for every category or just CATEGORY; one query per model, whatever the number of versions."""
    entries: list[Entry] = []
    for source in part_sources([category] if category else CATEGORIES):
        model = source.model
        records = source.history(profile.pk).select_related("history_user")
        previous: dict[int, Any] = {}
        for record in records.order_by("id", "history_date", "history_id"):
            before = previous.get(record.id)
            previous[record.id] = record
            changes = [] if record.history_type == "-" else record_changes(model, record, before)
            if record.history_type == "~" and not changes:
                continue  # a save that changed nothing a person sees
            each = source.category_of(record)
            what = each.title if source.role == "section" else item_title(model, record)
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


def state_at(source: PartSource, profile_id: int, when: dt.datetime | None) -> dict[int, Any]:
    """SOURCE's rows in the profile at WHEN (None: now) as their latest historical records, by id."""
    records = source.history(profile_id)
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
    for source in part_sources(CATEGORIES):
        moments = source.history(profile.pk).datetimes("history_date", "day")
        days.update(moment.date() for moment in moments)
    return sorted(days, reverse=True)
