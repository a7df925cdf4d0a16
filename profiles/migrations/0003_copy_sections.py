"""Copy the eight section tables, and their history, into ProfileSection (ADR 0005).

Every section row becomes a ProfileSection row of its category with the same values, version and who/when;
every historical row becomes a HistoricalProfileSection row pointing at the new id, so the change log, the
as-at view and comparisons read the same past after the migration as before it. History of sections whose
profile was deleted is copied too, under ids of its own that no live row will reuse. Reversible: the way back
copies each category's rows and history into its old table.

The category numbers and field names are written out here, not imported, so that this migration keeps
working however the models change later.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

# Old model name -> (category number, the model's own fields).
OLD_MODELS: dict[str, tuple[int, tuple[str, ...]]] = {
    "ContextSection": (
        1,
        ("boundary_agreement", "boundary_agreed_on", "streets", "households", "open_spaces", "surrounding_area"),
    ),
    "DemographicSection": (2, ()),
    "HousingSection": (3, ()),
    "PhysicalSection": (4, ()),
    "ContactsSection": (5, ()),
    "PrioritiesSection": (6, ()),
    "SatisfactionSection": (7, ()),
    "OverviewSection": (8, ("age_profile", "ethnic_profile", "source", "as_at")),
}
COMMON = ("version", "tier", "restricted_tier", "notes", "profile_id", "updated_by_id")
HISTORY = ("history_date", "history_change_reason", "history_type", "history_user_id")


def _values(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def _advance_sequence(schema_editor: Any, model: Any, at_least: int) -> None:
    """Make MODEL's next automatic id greater than AT_LEAST (ids were given explicitly).

    SQLite's AUTOINCREMENT already counts explicit ids; PostgreSQL's identity sequence does not.
    """
    if at_least <= 0 or schema_editor.connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST(%s, (SELECT COALESCE(MAX(id), 0) FROM "
            + schema_editor.quote_name(table)
            + ")))",
            [table, at_least],
        )


def forwards(apps: Any, schema_editor: Any) -> None:
    section_model = apps.get_model("profiles", "ProfileSection")
    history_model = apps.get_model("profiles", "HistoricalProfileSection")
    # Every old (model, id) that has a live row or history gets one new id: orphans (their profile deleted)
    # first, live rows after, so the highest id is a live one where there are any.
    live: dict[tuple[str, int], Any] = {}
    history: list[tuple[str, Any]] = []
    for name in OLD_MODELS:
        live.update({(name, row.pk): row for row in apps.get_model("profiles", name).objects.order_by("pk")})
        history += [(name, record) for record in apps.get_model("profiles", f"Historical{name}").objects.all()]
    orphans = sorted({(name, record.id) for name, record in history} - set(live))
    new_id = {old: index for index, old in enumerate([*orphans, *sorted(live)], start=1)}
    section_model.objects.bulk_create(
        section_model(
            id=new_id[(name, pk)],
            category=OLD_MODELS[name][0],
            updated_at=row.updated_at,
            **_values(row, COMMON + OLD_MODELS[name][1]),
        )
        for (name, pk), row in sorted(live.items(), key=lambda pair: new_id[pair[0]])
    )
    # In the order they were saved, so history ids keep their order (ties are told apart by history_id).
    history.sort(key=lambda pair: (pair[1].history_date, OLD_MODELS[pair[0]][0], pair[1].history_id))
    history_model.objects.bulk_create(
        history_model(
            id=new_id[(name, record.id)],
            category=OLD_MODELS[name][0],
            **_values(record, COMMON + HISTORY + OLD_MODELS[name][1]),
        )
        for name, record in history
    )
    _advance_sequence(schema_editor, section_model, len(new_id))


def backwards(apps: Any, schema_editor: Any) -> None:
    section_model = apps.get_model("profiles", "ProfileSection")
    history_model = apps.get_model("profiles", "HistoricalProfileSection")
    for name, (category, own) in OLD_MODELS.items():
        old_model = apps.get_model("profiles", name)
        old_history = apps.get_model("profiles", f"Historical{name}")
        rows = section_model.objects.filter(category=category).order_by("pk")
        old_model.objects.bulk_create(
            old_model(id=row.pk, updated_at=row.updated_at, **_values(row, COMMON + own)) for row in rows
        )
        records = history_model.objects.filter(category=category).order_by("history_date", "history_id")
        old_history.objects.bulk_create(
            old_history(id=record.id, **_values(record, COMMON + HISTORY + own)) for record in records
        )
        ids = set(rows.values_list("pk", flat=True)) | set(records.values_list("id", flat=True))
        _advance_sequence(schema_editor, old_model, max(ids, default=0))


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_profile_section")]

    operations = [migrations.RunPython(forwards, backwards)]
