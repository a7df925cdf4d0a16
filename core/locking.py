"""Optimistic locking for records that people edit at the same time (architecture, "Writes").

A ``Versioned`` model carries a ``version`` that goes up by one on every save. A form posts the version it
loaded; ``save_versioned`` refuses the save when the row has moved on since, raising ``EditConflict`` with the
other person's change (who, when, what) read from the record's history. Nothing is ever silently overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models, transaction

from core.changes import FieldChange, record_changes


class Versioned(models.Model):
    """Adds ``version``: 1 when created, one more on every versioned save."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


V = TypeVar("V", bound=Versioned)


@dataclass(eq=False)
class EditConflict(Exception):
    """The record changed (or was deleted) after the person loaded it."""

    model_label: str
    loaded_version: int
    current_version: int | None  # None when the record was deleted
    by: str = "someone"
    at: dt.datetime | None = None
    changes: list[FieldChange] = field(default_factory=list)
    current: Any = None  # the record as it is now (None when deleted)

    def __post_init__(self) -> None:
        super().__init__(self.describe())

    @property
    def deleted(self) -> bool:
        return self.current_version is None

    def describe(self) -> str:
        when = f" at {self.at:%d %b %Y %H:%M}" if self.at else ""
        if self.deleted:
            return f"This {self.model_label} was deleted by {self.by}{when} after you opened it."
        return (
            f"This {self.model_label} was changed by {self.by}{when} after you opened it "
            f"(you loaded version {self.loaded_version}; it is now version {self.current_version})."
        )


def _user_name(user: Any) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def conflict_for(model: type[models.Model], pk: Any, loaded_version: int) -> EditConflict:
    """Describe how the row PK of MODEL moved on from LOADED_VERSION, using its history when it has one."""
    label = str(model._meta.verbose_name)
    current: Any = model._base_manager.filter(pk=pk).first()
    history = getattr(model, "history", None)
    if history is None:
        return EditConflict(label, loaded_version, getattr(current, "version", None), current=current)
    records = history.filter(**{model._meta.pk.attname: pk}).select_related("history_user").order_by("-history_date")
    latest = records.first()
    by = _user_name(latest.history_user) if latest else "someone"
    at = latest.history_date if latest else None
    if current is None:
        return EditConflict(label, loaded_version, None, by=by, at=at)
    base = records.filter(version=loaded_version).first()
    changes = record_changes(model, latest, base) if latest is not None and base is not None else []
    return EditConflict(label, loaded_version, current.version, by=by, at=at, changes=changes, current=current)


def save_versioned(instance: V, *, loaded_version: int, update_fields: list[str] | None = None) -> V:
    """Save INSTANCE if its row is still at LOADED_VERSION, else raise ``EditConflict``.

    The row is locked (SELECT ... FOR UPDATE) for the rest of the transaction, so two saves that both
    loaded version N cannot both pass the check. Must run inside ``transaction.atomic``.
    """
    model = type(instance)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("save_versioned must run inside transaction.atomic")
    row = model._base_manager.select_for_update().filter(pk=instance.pk).values_list("version", flat=True).first()
    if row is None or row != loaded_version:
        raise conflict_for(model, instance.pk, loaded_version)
    instance.version = loaded_version + 1
    if update_fields is not None:
        update_fields = sorted({*update_fields, "version"})
    instance.save(update_fields=update_fields)
    return instance


def delete_versioned(instance: Versioned, *, loaded_version: int) -> None:
    """Delete INSTANCE only if nobody changed it since LOADED_VERSION (else ``EditConflict``)."""
    model = type(instance)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("delete_versioned must run inside transaction.atomic")
    row = model._base_manager.select_for_update().filter(pk=instance.pk).values_list("version", flat=True).first()
    if row is None or row != loaded_version:
        raise conflict_for(model, instance.pk, loaded_version)
    instance.delete()
