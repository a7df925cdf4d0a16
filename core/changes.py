"""What changed between two saved versions of a record, as people read it: the one field-diff helper.

Built on django-simple-history's ``diff_against``. Edit conflicts (``core.locking``), a profile's change log
and its comparison page all read changes through ``record_changes`` (issue 7, section 3: "Field diffs are
implemented three times. Keep one"). Values are humanised: choice labels, Yes/No, dates in words, and
"Not recorded" for blanks, never ``True``, ``None`` or a raw code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone

BLANK = "Not recorded"
# Identity and bookkeeping fields: never shown as a change.
BOOKKEEPING = frozenset({"id", "version", "updated_at", "updated_by"})


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


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


def record_changes(
    model: Any, new: Any, old: Any | None, *, excluded: Iterable[str] = BOOKKEEPING
) -> list[FieldChange]:
    """The fields that differ from historical record OLD to NEW of one MODEL row, labelled and humanised.

    With no OLD (the row was just added) every field with a value is listed, with a blank "before".
    Fields come in the model's order.
    """
    skip = set(excluded)
    order = {model_field.name: index for index, model_field in enumerate(model._meta.concrete_fields)}
    if old is None:
        names = [f.name for f in new.tracked_fields if f.editable and f.name not in skip]
        pairs = [(name, None, getattr(new, name)) for name in names if getattr(new, name) not in (None, "")]
    else:
        delta = new.diff_against(old, excluded_fields=skip)
        pairs = [(change.field, change.old, change.new) for change in delta.changes]
    pairs.sort(key=lambda pair: order.get(pair[0], 0))
    return [
        FieldChange(
            field=name,
            label=str(model._meta.get_field(name).verbose_name).capitalize(),
            old="" if old is None else humanise(model, name, before),
            new=humanise(model, name, after),
        )
        for name, before, after in pairs
    ]
