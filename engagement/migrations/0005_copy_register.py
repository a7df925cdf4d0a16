"""Copy the profile's contacts, survey results and groups, and their history, into engagement's register (ADR 0011).

Issue 9: "do not build a second copy ... you migrate today's rows across". Every row keeps its id (history pages,
snapshots and links name items by id) and every history row keeps its history id, date, user and type, so the
profile's "as it stood on" reads and history pages show the same past. Sequences are reset past the copied ids.
Backwards copies the rows back (profiles 0005 reversed recreates the empty tables first).
"""

from __future__ import annotations

from typing import Any

from django.core.management.color import no_style
from django.db import migrations

MODELS = ("KeyContact", "SurveyResult", "CommunityGroup")


def _copy(apps: Any, schema_editor: Any, source: str, target: str) -> None:
    connection = schema_editor.connection
    reset = []
    for name in MODELS:
        for model_name in (name, f"Historical{name}"):
            old = apps.get_model(source, model_name)
            new = apps.get_model(target, model_name)
            names = [field.attname for field in new._meta.concrete_fields]
            rows = [new(**{attname: getattr(row, attname) for attname in names}) for row in old.objects.all()]
            new.objects.bulk_create(rows, batch_size=1000)
            reset.append(new)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), reset):
            cursor.execute(statement)


def forwards(apps: Any, schema_editor: Any) -> None:
    _copy(apps, schema_editor, "profiles", "engagement")


def backwards(apps: Any, schema_editor: Any) -> None:
    _copy(apps, schema_editor, "engagement", "profiles")


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0004_register"),
        ("profiles", "0004_drop_old_section_models"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
