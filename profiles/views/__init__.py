"""Profile views: reading (read.py), editing per category (edit.py), history and review (history.py)."""

from profiles.views.edit import item_add, item_edit, item_remove, section_edit
from profiles.views.history import as_at, compare, history, review
from profiles.views.read import detail, export_json, index, print_view

__all__ = [
    "as_at",
    "compare",
    "detail",
    "export_json",
    "history",
    "index",
    "item_add",
    "item_edit",
    "item_remove",
    "print_view",
    "review",
    "section_edit",
]
