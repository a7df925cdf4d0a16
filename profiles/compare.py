"""Side-by-side comparison of two versions of a profile (issue 3: "what changed since the last review").

A version is a moment: now, a formal review (its baseline), a data-refresh snapshot, or the end of a day on
which something changed (issue 6, item 10: picked from a list, never typed). Both sides are rebuilt from
django-simple-history and diffed field by field with ``profiles.history.record_changes`` (simple-history's
``diff_against``), so only fields that changed are listed, with their labels and display values. Items are
matched by id: an edited item shows as changed, not as one removed and one added. The imported deprivation
figures keep no history; each side reads them from the latest snapshot taken by then (live for "now").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone

from geography.deprivation import deprivation_for
from profiles.categories import CATEGORIES, Category
from profiles.history import days_with_changes, item_title, part_sources, record_changes, state_at, user_name
from profiles.models import NeighbourhoodProfile, ProfileReview, ProfileSnapshot

NOW = "now"


@dataclass(frozen=True)
class Version:
    token: str  # what the form posts: "now", "review-3", "snapshot-7", "day-2025-03-01"
    label: str
    when: dt.datetime | None  # None: now
    snapshot: ProfileSnapshot | None = None


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


def end_of(day: dt.date) -> dt.datetime:
    """The last moment of DAY in Europe/London: "as at 3 March" includes everything saved on 3 March."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def _when(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


def versions(profile: NeighbourhoodProfile) -> list[Version]:
    """Every version of PROFILE a person can pick, newest first within each kind."""
    found = [Version(NOW, "Now", None)]
    reviews = ProfileReview.objects.filter(profile=profile).select_related("reviewed_by", "baseline")
    found += [
        Version(
            f"review-{review.pk}",
            f"Formal review, {_when(review.reviewed_at)}, signed off by {user_name(review.reviewed_by)}",
            review.baseline.taken_at,
            review.baseline,
        )
        for review in reviews
    ]
    refreshes = ProfileSnapshot.objects.filter(profile=profile, kind=ProfileSnapshot.Kind.DATA_REFRESH)
    found += [
        Version(
            f"snapshot-{snapshot.pk}", f"Figures refreshed, {_when(snapshot.taken_at)}", snapshot.taken_at, snapshot
        )
        for snapshot in refreshes.order_by("-taken_at")
    ]
    found += [
        Version(f"day-{day.isoformat()}", f"End of {formats.date_format(day, 'j F Y')}", end_of(day))
        for day in days_with_changes(profile)
    ]
    return found


def default_tokens(options: list[Version]) -> tuple[str, str]:
    """From the last review (else the earliest version) to now."""
    latest_review = next((version.token for version in options if version.token.startswith("review-")), None)
    earliest = options[-1].token if len(options) > 1 else NOW
    return (latest_review or earliest), NOW


def _deprivation(profile: NeighbourhoodProfile, version: Version) -> dict[str, Any]:
    if version.when is None:
        return deprivation_for(profile.neighbourhood).as_dict()
    snapshot = version.snapshot or (
        ProfileSnapshot.objects.filter(profile=profile, taken_at__lte=version.when).order_by("-taken_at").first()
    )
    return (snapshot.data.get("deprivation") if snapshot else None) or {}


def compare_versions(profile: NeighbourhoodProfile, before: Version, after: Version) -> list[CategoryDiff]:
    """What changed from BEFORE to AFTER, category by category (only categories with changes)."""
    diffs = []
    for category in CATEGORIES:
        diff = CategoryDiff(category)
        for source in part_sources([category]):
            model, role = source.model, source.role
            old, new = state_at(source, profile.pk, before.when), state_at(source, profile.pk, after.when)
            for pk in sorted(set(old) | set(new)):
                a, b = old.get(pk), new.get(pk)
                title = "" if role == "section" else item_title(model, b or a)
                if a is None:
                    if role == "section":  # the profile was started in between: list what differs from empty
                        diff.rows += [
                            Row(c.label, "Not recorded", c.new, "changed")
                            for c in record_changes(model, b, None)
                            if getattr(b, c.field) != model._meta.get_field(c.field).get_default()
                        ]
                    else:
                        diff.rows.append(Row(title, "Not there", "Added", "added"))
                elif b is None:
                    if role != "section":
                        diff.rows.append(Row(title, "There", "Removed", "removed"))
                elif a.history_id != b.history_id:
                    prefix = f"{title}: " if title else ""
                    diff.rows += [
                        Row(f"{prefix}{c.label}", c.old, c.new, "changed") for c in record_changes(model, b, a)
                    ]
        if category.auto_filled:
            diff.rows += deprivation_rows(_deprivation(profile, before), _deprivation(profile, after))
        if diff.rows:
            diffs.append(diff)
    return diffs


def _number(value: Any) -> str:
    if value is None:
        return "Not available"
    return formats.number_format(value, decimal_pos=3 if isinstance(value, float) else None)


def deprivation_rows(before: dict[str, Any], after: dict[str, Any]) -> list[Row]:
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
                rows.append(Row(f"{label}: IMD {text}", _number(a), _number(b), "changed"))
    return rows
