"""Side-by-side comparison of two versions of a profile (issue 3: "what changed since the last review").

Both sides are the JSON of ``ProfileView.as_dict()``: either a stored snapshot (a review baseline) or the
profile rebuilt from history at a moment. Items are matched by id, so an edited item shows as changed, not as
one removed and one added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from profiles.categories import CATEGORIES, Category

_SKIP = {"id", "version"}
_TITLE_FIELDS = ("name", "language", "question", "role", "kind")


@dataclass
class Row:
    label: str
    before: str
    after: str
    change: str  # "added", "removed", "changed"


@dataclass
class CategoryDiff:
    category: Category
    rows: list[Row] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict) and "latitude" in value:
        return f"{value['latitude']}, {value['longitude']}"
    return str(value)


def _label(model: Any, name: str) -> str:
    if name == "tier":
        return "Who can see this"
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # noqa: BLE001 - keys such as restricted_tier's label come straight from as_dict
        return name.replace("_", " ").capitalize()


def _title(item: dict[str, Any]) -> str:
    return next((str(item[key]) for key in _TITLE_FIELDS if item.get(key)), f"#{item.get('id')}")


def _fields(model: Any, before: dict[str, Any], after: dict[str, Any], prefix: str = "") -> list[Row]:
    rows = []
    for name in [key for key in after if key not in _SKIP] + [k for k in before if k not in after and k not in _SKIP]:
        old, new = before.get(name), after.get(name)
        if old != new:
            rows.append(Row(f"{prefix}{_label(model, name)}", _text(old), _text(new), "changed"))
    return rows


def _categories(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["slug"]: entry for entry in data.get("categories", [])}


def compare_profiles(before: dict[str, Any], after: dict[str, Any]) -> list[CategoryDiff]:
    """What changed from BEFORE to AFTER, category by category (only categories with changes)."""
    left, right = _categories(before), _categories(after)
    diffs = []
    for category in CATEGORIES:
        diff = CategoryDiff(category)
        old, new = left.get(category.slug, {}), right.get(category.slug, {})
        diff.rows += _fields(category.section_model, old.get("section") or {}, new.get("section") or {})
        for kind in category.items:
            old_items = {item["id"]: item for item in (old.get("items") or {}).get(kind.slug, [])}
            new_items = {item["id"]: item for item in (new.get("items") or {}).get(kind.slug, [])}
            noun = str(kind.model._meta.verbose_name).capitalize()
            for pk, item in new_items.items():
                if pk not in old_items:
                    diff.rows.append(Row(f"{noun} “{_title(item)}”", "(none)", "Added", "added"))
                else:
                    diff.rows += _fields(kind.model, old_items[pk], item, prefix=f"{noun} “{_title(item)}”: ")
            for pk, item in old_items.items():
                if pk not in new_items:
                    diff.rows.append(Row(f"{noun} “{_title(item)}”", "Present", "Removed", "removed"))
        if category.auto_filled:
            diff.rows += _deprivation(before.get("deprivation") or {}, after.get("deprivation") or {})
        if diff.rows:
            diffs.append(diff)
    return diffs


def _deprivation(before: dict[str, Any], after: dict[str, Any]) -> list[Row]:
    """The neighbourhood-level IMD figures per edition (the per-LSOA detail is in the profile itself)."""

    def headline(data: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for edition in data.get("editions", []):
            imd = next((d for d in edition["neighbourhood"] if d["domain"] == "imd"), None)
            if imd is not None:
                out[edition["edition_label"]] = imd
        return out

    old, new = headline(before), headline(after)
    rows = []
    measures = {
        "population_weighted_average_rank": "population-weighted average rank",
        "population_weighted_average_score": "population-weighted average score",
        "share_of_lsoas_in_most_deprived_decile": "share of LSOAs in the most deprived 10%",
    }
    for label in sorted(set(old) | set(new)):
        for key, text in measures.items():
            a, b = (old.get(label) or {}).get(key), (new.get(label) or {}).get(key)
            if a != b:
                rows.append(Row(f"{label}: IMD {text}", _text(a), _text(b), "changed"))
    return rows
